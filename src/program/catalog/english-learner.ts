import type { Program } from '../program.js'
import { badgeCriteria, criterion, cstp, lausdCourseIds, lausdCourses } from './lausd-structure.js'

const { foundationsAccess, curriculumInstructionAssessment, leadershipCapstone } = lausdCourseIds

/**
 * The TK-12 English Learner micro-credential: closing the achievement gap for English Learners
 * with culturally and linguistically responsive instruction and assessment of growth in content
 * and language.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog } from 'microcred'
 * assert.equal(catalog.englishLearner.title, 'TK-12 English Learner')
 * assert.equal(catalog.englishLearner.id, 'tk12-english-learner')
 */
export const englishLearner: Program = {
  id: 'tk12-english-learner',
  version: 1,
  title: 'TK-12 English Learner',
  description:
    'The Los Angeles Unified TK-12 English Learner Micro-Credential prepares educators to teach ' +
    'and support English Learners from transitional kindergarten through grade 12 by ' +
    'understanding the causes of the achievement gap for English Learners and how to close it. ' +
    "Educators learn to support students' growth in the content areas and on measures such as " +
    'the Summative English Language Proficiency Assessments for California (ELPAC), DIBELS and ' +
    'the Reading Inventory, and to enact culturally and linguistically responsive pedagogy that ' +
    'is accountable to the needs of diverse learners. Its goal is accomplished English Learner ' +
    'educators who bring about positive change in their settings and improve achievement for ' +
    'the students of Los Angeles Unified.',
  standards: [
    {
      targetName: 'California English Language Development Standards',
      targetUrl: 'https://www.cde.ca.gov/sp/el/er/eldstandards.asp',
      targetFramework: 'California English Language Development Standards (2012)',
      targetCode: 'Part I: Interacting in Meaningful Ways',
      targetDescription:
        'Collaborative, interpretive and productive modes of communication across the ' +
        'proficiency levels Emerging, Expanding and Bridging.',
    },
    {
      targetName: 'California English Learner Roadmap',
      targetUrl: 'https://www.cde.ca.gov/sp/el/rm/',
      targetFramework: 'California English Learner Roadmap (2017)',
      targetCode: 'Principle 2',
      targetDescription: 'Intellectual Quality of Instruction and Meaningful Access.',
    },
    {
      targetName: 'English Language Arts/English Language Development Framework',
      targetUrl: 'https://www.cde.ca.gov/ci/rl/cf/elaeldfrmwrksbeadopted.asp',
      targetFramework: 'ELA/ELD Framework for California Public Schools (2014)',
      targetDescription: 'Integrated and designated English language development.',
    },
    cstp(
      1,
      "Building on English Learners' linguistic and cultural assets to engage them in rigorous " +
        'learning.',
    ),
  ],
  knowledge: [
    'The California English Language Development Standards and the ELA/ELD Framework, and what they imply for teaching and learning in a 21st-century English Learner classroom',
    'The English Learner Roadmap and the 2018 Master Plan for English Learners and Standard English Learners',
    'The causes of the achievement gap for English Learners and research-based ways to close it',
    'English language proficiency and literacy measures, including the Summative ELPAC, DIBELS and the Reading Inventory',
  ],
  skills: [
    "Design and deliver rigorous assessments that show English Learners' growth in the content areas and in English language proficiency",
    'Plan integrated and designated ELD with the EL Instructional Approaches and teacher oral language models',
    'Leverage instructional technology and high-impact strategies along English Learner progressions of learning',
    'Collaborate with colleagues and families and lead partnerships that support all students',
  ],
  dispositions: [
    "An assets-oriented view of students' home languages and cultures",
    'Commitment to continuously plan, deliver, reflect on and revise culturally and linguistically responsive instruction',
    'Accountability for the growth of every English Learner in content and in language',
    'Advocacy for English Learners and their families',
  ],
  courses: lausdCourses({
    foundationsAccess: [
      {
        id: 'el-fa-1',
        title: 'English Learner Foundations: Standards, Roadmap and Master Plan',
        hours: { faceToFace: 7, online: 10, homework: 4 },
      },
      {
        id: 'el-fa-2',
        title: 'Knowing Our English Learners: Proficiency Data and Assets',
        hours: { faceToFace: 5, online: 8, homework: 6 },
      },
    ],
    curriculumInstructionAssessment: [
      {
        id: 'el-cia-1',
        title: 'Integrated and Designated ELD with the EL Instructional Approaches',
        hours: { faceToFace: 6, online: 9.5, homework: 5 },
      },
      {
        id: 'el-cia-2',
        title: 'Assessing Growth in Content and Language',
        hours: { faceToFace: 6, online: 8.5, homework: 5 },
      },
    ],
    leadershipCapstone: [
      {
        id: 'el-lc-1',
        title: 'Culturally and Linguistically Responsive Leadership',
        hours: { faceToFace: 3, online: 4.5, homework: 4 },
      },
      {
        id: 'el-lc-2',
        title: 'Capstone: Enacting English Learner Practice',
        hours: { faceToFace: 3, online: 4.5, homework: 6 },
      },
    ],
  }),
  eolas: [
    {
      id: 'el-eola-1',
      title: 'English Learner Profiles and Data Analysis',
      courseId: foundationsAccess,
      guide:
        'Build profiles of three English Learners at different proficiency levels from their ' +
        'Summative ELPAC results, DIBELS or Reading Inventory scores, classroom work, and a ' +
        'conversation with each student or family about their language and cultural assets. ' +
        "Submit the profiles, a one-page analysis of each student's strengths and needs, and the " +
        'content and language goals you set for each of them.',
      rubric: [
        criterion(
          'data-use',
          "Uses several measures accurately to describe each student's proficiency and progress",
        ),
        criterion(
          'assets',
          'Identifies the linguistic and cultural assets each student brings, not only needs',
        ),
        criterion(
          'goals',
          'Sets specific, measurable goals for growth in both content and language',
        ),
      ],
    },
    {
      id: 'el-eola-2',
      title: 'Designated ELD Lesson',
      courseId: foundationsAccess,
      guide:
        'Plan and teach a designated ELD lesson aligned to the CA ELD Standards for the ' +
        'proficiency levels of your students. Submit the lesson plan, a 10-15 minute video of ' +
        'the lesson, and a reflection on how students used the targeted language and what you ' +
        'will teach next.',
      rubric: [
        criterion(
          'eld-alignment',
          "Language objectives are aligned to the CA ELD Standards and to students' proficiency levels",
        ),
        criterion(
          'scaffolding',
          'Supports are differentiated for Emerging, Expanding and Bridging students',
        ),
        criterion(
          'interaction',
          'Students interact in meaningful ways and produce the targeted language orally or in writing',
        ),
        criterion(
          'reflection',
          'The reflection uses evidence from the video to analyze student language use',
        ),
      ],
    },
    {
      id: 'el-eola-3',
      title: 'EL Instructional Approach in Practice',
      courseId: curriculumInstructionAssessment,
      guide:
        'Plan and teach a content lesson using one of the EL Instructional Approaches, including ' +
        'your own oral language model for students to analyze and discuss. Submit the lesson ' +
        "plan, a video of your oral language model and of students' academic discourse, and work " +
        'samples from two English Learners at different proficiency levels.',
      rubric: [
        criterion(
          'approach',
          'The lesson follows the steps of the chosen EL Instructional Approach',
        ),
        criterion(
          'oral-model',
          'The oral language model makes the functions and features of academic language visible',
        ),
        criterion(
          'discourse',
          'Students use the targeted language features in extended academic discourse',
        ),
        criterion('integration', 'The lesson advances both the content goal and the language goal'),
      ],
    },
    {
      id: 'el-eola-4',
      title: 'Growth in Content and Language',
      courseId: curriculumInstructionAssessment,
      guide:
        "Design a formative assessment that measures English Learners' progress toward a content " +
        'standard and an ELD standard, give it at the start and end of a unit, and analyze the ' +
        'results. Submit the assessment and its scoring tool, results for at least five English ' +
        'Learners, and a plan for the reteaching or extension the data call for.',
      rubric: [
        criterion(
          'design',
          'The assessment measures content and language separately and is accessible at each proficiency level',
        ),
        criterion('analysis', 'The analysis identifies growth and gaps for individual students'),
        criterion(
          'response',
          'The instructional response is specific to the students and standards the data name',
        ),
      ],
    },
    {
      id: 'el-eola-5',
      title: 'Partnership for English Learner Success',
      courseId: leadershipCapstone,
      guide:
        'Lead an effort that builds partnerships for English Learners: a professional learning ' +
        "session for colleagues, a family workshop offered in families' home languages, or a " +
        'project with your English Learner Advisory Committee. Submit the plan and materials, ' +
        'evidence that it took place, participant feedback, and a reflection on its impact.',
      rubric: [
        criterion(
          'purpose',
          'The effort addresses a need of English Learners identified from data',
        ),
        criterion(
          'access',
          "Materials and communication are accessible in participants' languages",
        ),
        criterion(
          'impact',
          'Feedback and other evidence show the effect on participants, with next steps',
        ),
      ],
    },
  ],
  capstone: {
    description:
      'Document the enactment of one of your Evidence of Learning Artifacts in your setting, such ' +
      "as your EL Instructional Approach lesson, with video and English Learners' work. Reflect " +
      'on the growth it produced in content and in language, name your next steps for serving ' +
      'English Learners, and identify the resources and colleagues who will support them.',
  },
  salaryPoints: 3,
  badge: {
    name: 'LAUSD TK-12 English Learner Micro-Credential',
    description:
      'Awarded by the Los Angeles Unified School District to educators who have demonstrated ' +
      'expertise in culturally and linguistically responsive instruction and assessment that ' +
      "accelerates English Learners' growth in content and in language.",
    criteria: badgeCriteria('LAUSD TK-12 English Learner Micro-Credential'),
    imageUrl: 'https://achieve.lausd.net/microcred/badges/tk12-english-learner.png',
  },
}

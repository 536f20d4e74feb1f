import type { Program } from '../program.js'
import { badgeCriteria, criterion, cstp, lausdCourseIds, lausdCourses } from './lausd-structure.js'

const { foundationsAccess, curriculumInstructionAssessment, leadershipCapstone } = lausdCourseIds

/**
 * The Reading Specialist: Early Literacy Foundations micro-credential: teaching every child in
 * TK-3 to read, with screening, explicit foundational skills instruction and intervention.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog } from 'microcred'
 * assert.equal(catalog.readingSpecialist.title, 'Reading Specialist: Early Literacy Foundations')
 * assert.equal(catalog.readingSpecialist.id, 'reading-specialist-early-literacy')
 */
export const readingSpecialist: Program = {
  id: 'reading-specialist-early-literacy',
  version: 1,
  title: 'Reading Specialist: Early Literacy Foundations',
  description:
    'The Los Angeles Unified Reading Specialist: Early Literacy Foundations Micro-Credential ' +
    'prepares TK-3 teachers and intervention teachers to teach every child to read. Educators ' +
    'deepen their knowledge of how children learn to read (phonological awareness, phonics and ' +
    'word recognition, fluency, vocabulary and comprehension), screen and monitor early literacy ' +
    'with measures such as DIBELS, deliver explicit and systematic foundational skills ' +
    'instruction and targeted small-group intervention, recognize the early signs of dyslexia, ' +
    'and lead literacy improvement with colleagues and families.',
  standards: [
    {
      targetName: 'English Language Arts/English Language Development Framework',
      targetUrl: 'https://www.cde.ca.gov/ci/rl/cf/elaeldfrmwrksbeadopted.asp',
      targetFramework: 'ELA/ELD Framework for California Public Schools (2014)',
      targetDescription:
        'Foundational skills within the key themes of meaning making, language development, ' +
        'effective expression and content knowledge, transitional kindergarten through grade 3.',
    },
    {
      targetName:
        'California Common Core State Standards: Reading Standards for Foundational Skills',
      targetUrl: 'https://www.cde.ca.gov/be/st/ss/documents/finalelaccssstandards.pdf',
      targetFramework: 'California Common Core State Standards for ELA/Literacy',
      targetCode: 'RF.K-3',
      targetDescription:
        'Print concepts, phonological awareness, phonics and word recognition, and fluency.',
    },
    {
      targetName: 'California Dyslexia Guidelines',
      targetUrl: 'https://www.cde.ca.gov/ci/cr/dy/',
      targetDescription:
        'Early identification of students at risk for dyslexia and evidence-based, structured ' +
        'literacy instruction.',
    },
    cstp(
      5,
      'Using screening, diagnostic and progress-monitoring data to plan reading instruction.',
    ),
  ],
  knowledge: [
    'How children learn to read: phonological awareness, phonics and word recognition, fluency, vocabulary and comprehension, and how they depend on one another',
    'The Reading Standards for Foundational Skills and the key themes of the ELA/ELD Framework from transitional kindergarten through grade 3',
    'Early literacy screening, diagnosis and progress monitoring, including DIBELS, and the characteristics of dyslexia described in the California Dyslexia Guidelines',
    'Multi-tiered systems of support for literacy',
  ],
  skills: [
    'Administer and interpret early literacy screeners and diagnostic assessments to group students and plan instruction',
    'Deliver explicit, systematic and multisensory foundational skills lessons with decodable texts',
    'Design, monitor and adjust small-group intervention',
    'Build vocabulary and comprehension through interactive read-alouds and oral language',
    'Coach colleagues and partner with families to support reading at home',
  ],
  dispositions: [
    'Belief that every child can learn to read',
    'Urgency about early intervention',
    'Reliance on evidence when making instructional decisions',
    'Respect for the languages and literacies children bring from home',
  ],
  courses: lausdCourses({
    foundationsAccess: [
      {
        id: 'rs-fa-1',
        title: 'How Children Learn to Read',
        hours: { faceToFace: 6, online: 9, homework: 5 },
      },
      {
        id: 'rs-fa-2',
        title: 'Early Literacy Screening and Diagnostic Assessment',
        hours: { faceToFace: 6, online: 9, homework: 5 },
      },
    ],
    curriculumInstructionAssessment: [
      {
        id: 'rs-cia-1',
        title: 'Explicit, Systematic Foundational Skills Instruction',
        hours: { faceToFace: 6.5, online: 9.75, homework: 5.25 },
      },
      {
        id: 'rs-cia-2',
        title: 'Intervention, Fluency and Comprehension',
        hours: { faceToFace: 5.5, online: 8.25, homework: 4.75 },
      },
    ],
    leadershipCapstone: [
      {
        id: 'rs-lc-1',
        title: 'Literacy Leadership and Family Partnership',
        hours: { faceToFace: 2.5, online: 4.5, homework: 3 },
      },
      {
        id: 'rs-lc-2',
        title: 'Capstone: Enacting Early Literacy Practice',
        hours: { faceToFace: 3.5, online: 4.5, homework: 7 },
      },
    ],
  }),
  eolas: [
    {
      id: 'rs-eola-1',
      title: 'Reading Development Case Study',
      courseId: foundationsAccess,
      guide:
        'Follow one TK-3 student who is learning to read for four weeks, using a phonological ' +
        'awareness and phonics diagnostic, an oral reading sample and observation notes. Submit ' +
        "the assessment records, samples of the student's reading and writing, and a case study " +
        "of 750-1,000 words that places the student's development on the continuum of reading " +
        'skills and recommends next instructional steps.',
      rubric: [
        criterion(
          'assessment',
          'Diagnostic assessments are administered and scored accurately and documented completely',
        ),
        criterion(
          'analysis',
          "The case study explains the student's strengths and needs in terms of the components of reading",
        ),
        criterion(
          'recommendations',
          'Recommendations are specific, evidence-based and follow from the analysis',
        ),
      ],
    },
    {
      id: 'rs-eola-2',
      title: 'Class Screening Analysis',
      courseId: foundationsAccess,
      guide:
        'Give a universal early literacy screener such as DIBELS to your class and analyze the ' +
        'results skill by skill. Submit the de-identified class results, a grouping plan naming ' +
        'the skills each group will work on, and a reflection identifying the students who need ' +
        'further diagnostic assessment, including for risk of dyslexia.',
      rubric: [
        criterion('accuracy', 'Screening results are recorded and summarized accurately'),
        criterion(
          'grouping',
          'Groups are formed by skill need, and each group has a clear instructional focus',
        ),
        criterion(
          'risk-identification',
          'Students needing follow-up are identified consistently with the California Dyslexia Guidelines',
        ),
      ],
    },
    {
      id: 'rs-eola-3',
      title: 'Foundational Skills Lesson',
      courseId: curriculumInstructionAssessment,
      guide:
        'Plan and teach an explicit, systematic lesson on a phonological awareness or phonics ' +
        'skill, moving from modeling to guided and independent practice, with multisensory ' +
        'routines and decodable text. Submit the lesson plan, a 10-15 minute video of the lesson, ' +
        "and students' work or word-reading results from the lesson.",
      rubric: [
        criterion('explicitness', 'The skill is modeled clearly with accurate, precise language'),
        criterion(
          'sequence',
          'The lesson moves from modeling to guided to independent practice, building on prior skills',
        ),
        criterion(
          'practice',
          'Every student gets many opportunities to respond, including reading decodable text',
        ),
        criterion(
          'checking',
          'The teacher checks for understanding and corrects errors immediately',
        ),
      ],
    },
    {
      id: 'rs-eola-4',
      title: 'Small-Group Intervention Cycle',
      courseId: curriculumInstructionAssessment,
      guide:
        'Lead a six-week small-group intervention for students who scored below benchmark on ' +
        'your screener. Submit the intervention plan, weekly progress-monitoring data graphed for ' +
        "each student, brief session notes, and an analysis of each student's response with the " +
        'decision you made: continue, adjust or exit.',
      rubric: [
        criterion(
          'targeting',
          'The intervention targets the skills the screening and diagnosis named',
        ),
        criterion('monitoring', 'Progress is monitored weekly and graphed against a goal'),
        criterion('decisions', 'Decisions for each student follow from the data and are explained'),
      ],
    },
    {
      id: 'rs-eola-5',
      title: 'Literacy Leadership Project',
      courseId: leadershipCapstone,
      guide:
        'Lead colleagues or families in strengthening early literacy: a grade-level data meeting, ' +
        'a demonstration lesson with a coaching debrief, or a family reading workshop with ' +
        'take-home materials. Submit the plan and materials, evidence that it took place, ' +
        'participant feedback, and a reflection on its effect on practice at home or at school.',
      rubric: [
        criterion('design', 'The project addresses a literacy need identified from data'),
        criterion(
          'facilitation',
          'Participants practice a specific strategy they can use with children',
        ),
        criterion(
          'impact',
          "Evidence shows a change in participants' practice, with next steps named",
        ),
      ],
    },
  ],
  capstone: {
    description:
      'Document the enactment of one of your Evidence of Learning Artifacts in your classroom or ' +
      'intervention setting, such as your foundational skills lesson or intervention cycle, with ' +
      "video and students' reading data. Reflect on what the evidence shows about students' " +
      'growth as readers, name your next steps as a literacy leader, and identify the resources ' +
      'and colleagues who will support them.',
  },
  salaryPoints: 3,
  badge: {
    name: 'LAUSD Reading Specialist: Early Literacy Foundations Micro-Credential',
    description:
      'Awarded by the Los Angeles Unified School District to educators who have demonstrated ' +
      'expertise in early literacy assessment, explicit foundational skills instruction and ' +
      'intervention that help every child in transitional kindergarten through grade 3 learn ' +
      'to read.',
    criteria: badgeCriteria(
      'LAUSD Reading Specialist: Early Literacy Foundations Micro-Credential',
    ),
    imageUrl: 'https://achieve.lausd.net/microcred/badges/reading-specialist-early-literacy.png',
  },
}

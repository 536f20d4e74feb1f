import type { Program } from '../program.js'
import { badgeCriteria, criterion, lausdCourseIds, lausdCourses } from './lausd-structure.js'

const { foundationsAccess, curriculumInstructionAssessment, leadershipCapstone } = lausdCourseIds

/**
 * The Dual Language Education micro-credential: bilingualism and biliteracy, academic
 * achievement in two languages, and sociocultural competence.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog } from 'microcred'
 * assert.equal(catalog.dualLanguage.title, 'Dual Language Education')
 * assert.equal(catalog.dualLanguage.id, 'dual-language-education')
 */
export const dualLanguage: Program = {
  id: 'dual-language-education',
  version: 1,
  title: 'Dual Language Education',
  description:
    'The Los Angeles Unified Dual Language Education Micro-Credential prepares teachers in the ' +
    "District's dual language programs to realize the three goals of dual language education: " +
    'bilingualism and biliteracy, high academic achievement in both program languages, and ' +
    'sociocultural competence. Educators learn the research and program models behind dual ' +
    'language education, plan content and language instruction in the partner language and in ' +
    'English, teach for cross-linguistic transfer, assess biliteracy, and lead their programs ' +
    'together with families and colleagues on the pathway to the State Seal of Biliteracy.',
  standards: [
    {
      targetName: 'California English Learner Roadmap',
      targetUrl: 'https://www.cde.ca.gov/sp/el/rm/',
      targetFramework: 'California English Learner Roadmap (2017)',
      targetCode: 'Principle 1',
      targetDescription:
        'Assets-Oriented and Needs-Responsive Schools, including the value of home languages ' +
        'and of multilingual programs.',
    },
    {
      targetName: 'California English Language Development Standards',
      targetUrl: 'https://www.cde.ca.gov/sp/el/er/eldstandards.asp',
      targetFramework: 'California English Language Development Standards (2012)',
      targetCode: 'Part II: Learning About How English Works',
    },
    {
      targetName: 'California Multilingual Education: Dual-Language Immersion',
      targetUrl: 'https://www.cde.ca.gov/sp/ml/multilingualedu.asp',
      targetDescription:
        'Dual-language immersion program goals: proficiency and achievement in two languages ' +
        'and cross-cultural understanding.',
    },
    {
      targetName: 'State Seal of Biliteracy',
      targetUrl: 'https://www.cde.ca.gov/sp/ml/sealofbiliteracy.asp',
      targetDescription:
        'High proficiency in speaking, reading and writing in English and at least one other ' +
        'language.',
    },
  ],
  knowledge: [
    'The three goals of dual language education and the research on biliteracy development',
    'Dual language program models (one-way and two-way immersion, 90:10 and 50:50) and language allocation',
    'The English Learner Roadmap, the CA ELD Standards and standards for literacy in the partner language',
    'Cross-linguistic transfer and translanguaging, and how to teach the bridge between languages',
  ],
  skills: [
    'Plan content, language and cultural objectives for instruction in the partner language and in English',
    'Teach students to compare and contrast how their two languages work',
    "Assess students' biliteracy in both program languages and report it to families",
    'Foster sociocultural competence and engage families as partners in the program',
  ],
  dispositions: [
    "Valuing bilingualism and students' home languages and cultures as assets",
    'Commitment to the equal status of both program languages',
    'Collaboration with partner teachers across languages',
    'Advocacy for multilingual learners and their families',
  ],
  courses: lausdCourses({
    foundationsAccess: [
      {
        id: 'dl-fa-1',
        title: 'Foundations of Dual Language Education: Goals, Research and Program Models',
        hours: { faceToFace: 6, online: 8, homework: 4 },
      },
      {
        id: 'dl-fa-2',
        title: 'Biliteracy Development and Language Allocation',
        hours: { faceToFace: 6, online: 10, homework: 6 },
      },
    ],
    curriculumInstructionAssessment: [
      {
        id: 'dl-cia-1',
        title: 'Planning Content and Language Instruction in Two Languages',
        hours: { faceToFace: 6, online: 9, homework: 5 },
      },
      {
        id: 'dl-cia-2',
        title: 'Cross-Linguistic Transfer and Biliteracy Assessment',
        hours: { faceToFace: 6, online: 9, homework: 5 },
      },
    ],
    leadershipCapstone: [
      {
        id: 'dl-lc-1',
        title: 'Leading Dual Language Programs with Families and Community',
        hours: { faceToFace: 3, online: 5, homework: 4 },
      },
      {
        id: 'dl-lc-2',
        title: 'Capstone: Enacting Dual Language Practice',
        hours: { faceToFace: 3, online: 4, homework: 6 },
      },
    ],
  }),
  eolas: [
    {
      id: 'dl-eola-1',
      title: 'Dual Language Program Profile',
      courseId: foundationsAccess,
      guide:
        'Analyze the dual language program at your school against the three goals of dual ' +
        'language education: its model, its language allocation by grade, and student outcomes ' +
        'in both languages. Submit a program profile with a language allocation chart and a ' +
        "summary of outcome data, and a reflection of 500-750 words on the program's strengths " +
        'and one goal for its improvement.',
      rubric: [
        criterion(
          'model',
          'The program model and language allocation are described accurately by grade',
        ),
        criterion(
          'evidence',
          'Outcome data in both languages are summarized and connected to the three goals',
        ),
        criterion(
          'goal',
          'The improvement goal is specific, measurable and follows from the evidence',
        ),
      ],
    },
    {
      id: 'dl-eola-2',
      title: 'Language Use Observation',
      courseId: foundationsAccess,
      guide:
        'Observe language use in your classroom across three lessons, charting when and how ' +
        'students use the partner language and English for academic talk and how you protect ' +
        'the language of instruction. Submit the observation tool, your charts, a short video ' +
        "clip of students' academic talk, and a reflection on how you will increase sustained " +
        'student talk in the partner language.',
      rubric: [
        criterion(
          'observation',
          'The observation captures who speaks, in which language and for what purpose',
        ),
        criterion('analysis', 'The analysis identifies patterns in student language use'),
        criterion(
          'plan',
          'The plan names specific routines that increase sustained academic talk in the partner language',
        ),
      ],
    },
    {
      id: 'dl-eola-3',
      title: 'Bilingual Unit Plan',
      courseId: curriculumInstructionAssessment,
      guide:
        'Plan a unit that develops content across both program languages without repeating ' +
        'instruction, with content, language and cultural objectives for each lesson. Submit the ' +
        'unit plan, the language of instruction for each lesson, scaffolds for students at ' +
        'different proficiency levels, and at least one culturally authentic text in the partner ' +
        'language.',
      rubric: [
        criterion(
          'objectives',
          'Each lesson has content, language and cultural objectives that build on one another',
        ),
        criterion(
          'allocation',
          "The unit follows the program's language allocation and does not translate or repeat instruction",
        ),
        criterion(
          'authenticity',
          "Texts and tasks are culturally authentic and reflect the partner language's communities",
        ),
        criterion(
          'scaffolds',
          'Scaffolds support students at different proficiency levels in each language',
        ),
      ],
    },
    {
      id: 'dl-eola-4',
      title: 'Bridge Lesson',
      courseId: curriculumInstructionAssessment,
      guide:
        'After students learn the key concepts of your unit in one language, plan and teach a ' +
        'bridge lesson in which they compare and contrast how the partner language and English ' +
        'express those concepts. Submit the lesson plan, a 10-15 minute video of students at ' +
        'work, the bilingual anchor chart or contrastive analysis the class produced, and work ' +
        'samples from three students.',
      rubric: [
        criterion(
          'transfer',
          'The lesson explicitly connects concepts and vocabulary learned in one language to the other',
        ),
        criterion(
          'metalinguistic',
          'Students notice and explain similarities and differences between the two languages',
        ),
        criterion(
          'student-work',
          'Student work shows use of the concepts in the second language of the bridge',
        ),
      ],
    },
    {
      id: 'dl-eola-5',
      title: 'Family Partnership for Biliteracy',
      courseId: leadershipCapstone,
      guide:
        'Plan and lead, in both program languages, a family event or series that helps families ' +
        'support biliteracy at home and understand the pathway to the State Seal of Biliteracy. ' +
        'Submit the plan, the bilingual materials, evidence of participation, family feedback, ' +
        'and a reflection on what you learned from families.',
      rubric: [
        criterion(
          'bilingual-access',
          'The event and its materials are fully accessible in both program languages',
        ),
        criterion(
          'partnership',
          'Families contribute their knowledge and are treated as partners, not only audiences',
        ),
        criterion(
          'impact',
          'Feedback shows what families will do next, and the reflection names program next steps',
        ),
      ],
    },
  ],
  capstone: {
    description:
      'Document the enactment of one of your Evidence of Learning Artifacts in your dual ' +
      "language classroom, such as your bridge lesson, with video and students' work in both " +
      "languages. Reflect on what it shows about students' biliteracy and sociocultural " +
      'competence, name your next steps as a dual language educator, and identify the resources ' +
      'and partners who will support them.',
  },
  salaryPoints: 3,
  badge: {
    name: 'LAUSD Dual Language Education Micro-Credential',
    description:
      'Awarded by the Los Angeles Unified School District to educators who have demonstrated ' +
      'expertise in dual language instruction that develops bilingualism and biliteracy, high ' +
      'academic achievement in two languages, and sociocultural competence.',
    criteria: badgeCriteria('LAUSD Dual Language Education Micro-Credential'),
    imageUrl: 'https://achieve.lausd.net/microcred/badges/dual-language-education.png',
  },
}

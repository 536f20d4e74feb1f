import type { Program } from '../program.js'
import { badgeCriteria, criterion, cstp, lausdCourseIds, lausdCourses } from './lausd-structure.js'

const { foundationsAccess, curriculumInstructionAssessment, leadershipCapstone } = lausdCourseIds

/**
 * The Anti-Racist Instruction micro-credential, developed by LAUSD teachers with the District:
 * examining one's own identity and biases, and teaching about race and racism in ways that are
 * age-appropriate, compassionate and open to dialogue.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog } from 'microcred'
 * assert.equal(catalog.antiRacist.title, 'Anti-Racist Instruction')
 * assert.equal(catalog.antiRacist.id, 'anti-racist-instruction')
 */
export const antiRacist: Program = {
  id: 'anti-racist-instruction',
  version: 1,
  title: 'Anti-Racist Instruction',
  description:
    'The Los Angeles Unified Anti-Racist Instruction Micro-Credential, developed by District ' +
    'teachers in partnership with the District, supports educators in confronting their own ' +
    'biases so that they can be better allies, role models and supporters for all students, ' +
    'and specifically for Black students. Educators reflect on their identities and on how ' +
    'racism operates in schools, learn to address race and racism at an age-appropriate level, ' +
    'respond to difficult questions in ways that are compassionate and open to constructive ' +
    'dialogue, and design curriculum, projects and classroom communities in which every ' +
    'student is safe, seen and accepted.',
  standards: [
    {
      targetName: 'Social Justice Standards: Identity and Diversity',
      targetUrl: 'https://www.learningforjustice.org/frameworks/social-justice-standards',
      targetFramework: 'Learning for Justice Social Justice Standards',
      targetCode: 'ID.1-5, DI.6-10',
      targetDescription:
        'Students develop positive identities and express comfort with and respect for people ' +
        'who are different from them.',
    },
    {
      targetName: 'Social Justice Standards: Justice and Action',
      targetUrl: 'https://www.learningforjustice.org/frameworks/social-justice-standards',
      targetFramework: 'Learning for Justice Social Justice Standards',
      targetCode: 'JU.11-15, AC.16-20',
      targetDescription:
        'Students recognize unfairness and injustice, including at the institutional level, and ' +
        'act against prejudice and discrimination.',
    },
    {
      targetName: 'California Ethnic Studies Model Curriculum',
      targetUrl: 'https://www.cde.ca.gov/ci/cr/cf/esmc.asp',
      targetFramework: 'California Ethnic Studies Model Curriculum (2021)',
      targetDescription:
        'Identity, history and movement, systems of power, and social movements and equity.',
    },
    cstp(
      2,
      'Creating classroom communities that are safe, inclusive and affirming of every ' +
        "student's racial and cultural identity.",
    ),
  ],
  knowledge: [
    "Racial identity development, including the educator's own, and how implicit bias shapes interactions with students",
    'How racism operates at the individual, institutional and structural levels, including in school discipline, tracking and curriculum',
    'The Social Justice Standards and the themes of the California Ethnic Studies Model Curriculum',
    'Age-appropriate approaches to teaching about race and racism, from transitional kindergarten through grade 12',
  ],
  skills: [
    "Examine and interrupt one's own biases in planning, instruction and discipline",
    'Facilitate courageous conversations about race that are compassionate, constructive and not combative',
    "Evaluate and revise curriculum so that it represents the histories, cultures and contributions of students' communities",
    'Use data to identify and address racial disparities in a classroom or school',
  ],
  dispositions: [
    'Commitment to ongoing self-reflection and growth',
    'Courage to address racism and to stay in difficult conversations',
    'Humility and openness to the experiences of students, families and colleagues',
    'Responsibility for creating classrooms where every student is safe and accepted',
  ],
  courses: lausdCourses({
    foundationsAccess: [
      {
        id: 'ar-fa-1',
        title: 'Looking Inward: Identity, Bias and the Educator',
        hours: { faceToFace: 7, online: 9, homework: 4 },
      },
      {
        id: 'ar-fa-2',
        title: 'Understanding Racism in Schools and Society',
        hours: { faceToFace: 5, online: 9, homework: 6 },
      },
    ],
    curriculumInstructionAssessment: [
      {
        id: 'ar-cia-1',
        title: 'Anti-Racist Curriculum and Culturally Sustaining Pedagogy',
        hours: { faceToFace: 6, online: 9, homework: 5 },
      },
      {
        id: 'ar-cia-2',
        title: 'Classroom Community, Dialogue and Assessment',
        hours: { faceToFace: 6, online: 9, homework: 5 },
      },
    ],
    leadershipCapstone: [
      {
        id: 'ar-lc-1',
        title: 'Anti-Racist Leadership in a School Community',
        hours: { faceToFace: 3, online: 4.5, homework: 5 },
      },
      {
        id: 'ar-lc-2',
        title: 'Capstone: Enacting Anti-Racist Instruction',
        hours: { faceToFace: 3, online: 4.5, homework: 5 },
      },
    ],
  }),
  eolas: [
    {
      id: 'ar-eola-1',
      title: 'Racial Identity Autobiography',
      courseId: foundationsAccess,
      guide:
        'Write a racial identity autobiography of 1,000-1,500 words that traces how your racial ' +
        'and cultural identity formed and how it shows up in your teaching. Submit the ' +
        'autobiography and a one-page reflection naming two biases or assumptions you have ' +
        'identified in yourself and what you will do about them in your practice.',
      rubric: [
        criterion(
          'depth',
          'The autobiography examines identity honestly, with specific experiences',
        ),
        criterion(
          'connection',
          "The writing connects the educator's identity to concrete teaching practices",
        ),
        criterion(
          'commitment',
          'The biases named are specific, and the commitments to address them are actionable',
        ),
      ],
    },
    {
      id: 'ar-eola-2',
      title: 'Classroom Equity Data Inquiry',
      courseId: foundationsAccess,
      guide:
        'Collect and analyze data from your classroom by race, such as participation, discipline ' +
        'referrals, grades or advanced-course placement. Submit the de-identified data, your ' +
        'analysis of any disparities, student or family voice gathered through a short survey or ' +
        'interviews, and a reflection on the institutional patterns the data suggest.',
      rubric: [
        criterion('data', 'The data are relevant, disaggregated by race and accurately presented'),
        criterion(
          'analysis',
          'The analysis names disparities and considers institutional as well as individual causes',
        ),
        criterion('voice', 'Student or family voice is included and shapes the interpretation'),
      ],
    },
    {
      id: 'ar-eola-3',
      title: 'Curriculum Audit and Revised Unit',
      courseId: curriculumInstructionAssessment,
      guide:
        'Audit one unit you teach for whose histories, voices and contributions it includes and ' +
        'leaves out, and revise it to be anti-racist and culturally sustaining at a level ' +
        'appropriate for your students. Submit the audit, the revised unit plan with its texts ' +
        'and tasks, and a rationale connecting your revisions to the Social Justice Standards.',
      rubric: [
        criterion(
          'audit',
          'The audit identifies whose perspectives are centered, missing or misrepresented',
        ),
        criterion(
          'revision',
          "The revised unit represents students' communities accurately and with complexity",
        ),
        criterion(
          'age-appropriate',
          'Texts and tasks address race and racism at a level appropriate for the students',
        ),
        criterion('standards', 'The rationale connects the revisions to the named standards'),
      ],
    },
    {
      id: 'ar-eola-4',
      title: 'Facilitated Dialogue on Race',
      courseId: curriculumInstructionAssessment,
      guide:
        'Plan and facilitate a classroom discussion about race, identity or justice, with ' +
        'agreements that keep it safe and constructive. Submit the lesson plan with your ' +
        'discussion agreements and questions, a 10-15 minute video or a transcript of the ' +
        'discussion, and a reflection on how you responded to difficult questions or moments.',
      rubric: [
        criterion(
          'agreements',
          'Discussion agreements are established with students and make the space safe to speak',
        ),
        criterion(
          'facilitation',
          'The teacher responds to difficult moments with compassion and keeps dialogue constructive',
        ),
        criterion('student-voice', 'Students do most of the talking and listen to one another'),
        criterion(
          'reflection',
          'The reflection analyzes specific moments and names what the educator will do differently',
        ),
      ],
    },
    {
      id: 'ar-eola-5',
      title: 'School Community Action Project',
      courseId: leadershipCapstone,
      guide:
        'Lead an action that advances racial equity beyond your classroom: a professional ' +
        'learning session, a book study with colleagues, a student-led project or a family ' +
        'forum. Submit the plan, materials and evidence that it took place, participant ' +
        'feedback, and a reflection on its impact and how it will be sustained.',
      rubric: [
        criterion(
          'purpose',
          'The action addresses a racial equity need identified through data or community voice',
        ),
        criterion(
          'engagement',
          'Participants engage in reflection and dialogue, not only receive information',
        ),
        criterion(
          'sustainability',
          'The reflection names how the work will continue and who will carry it forward',
        ),
      ],
    },
  ],
  capstone: {
    description:
      'Document the enactment of one of your Evidence of Learning Artifacts in your setting, such ' +
      "as your revised unit or facilitated dialogue, with video, students' work and their " +
      'feedback. Reflect on what changed for your students and for you, name your next steps as ' +
      'an anti-racist educator, and identify the resources and community of colleagues who will ' +
      'sustain your growth.',
  },
  salaryPoints: 3,
  badge: {
    name: 'LAUSD Anti-Racist Instruction Micro-Credential',
    description:
      'Awarded by the Los Angeles Unified School District to educators who have examined their ' +
      'own identities and biases and demonstrated anti-racist instruction that creates safe, ' +
      'accepting classrooms and addresses race and racism in age-appropriate, constructive ways.',
    criteria: badgeCriteria('LAUSD Anti-Racist Instruction Micro-Credential'),
    imageUrl: 'https://achieve.lausd.net/microcred/badges/anti-racist-instruction.png',
  },
}

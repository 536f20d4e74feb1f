import type { Program } from '../program.js'
import { badgeCriteria, criterion, cstp, lausdCourseIds, lausdCourses } from './lausd-structure.js'

const { foundationsAccess, curriculumInstructionAssessment, leadershipCapstone } = lausdCourseIds

/**
 * The Equitable Grading and Instruction micro-credential: grading that is accurate,
 * bias-resistant and motivational, and instruction built on feedback and reassessment.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog } from 'microcred'
 * assert.equal(catalog.equitableGrading.title, 'Equitable Grading and Instruction')
 * assert.equal(catalog.equitableGrading.id, 'equitable-grading-instruction')
 */
export const equitableGrading: Program = {
  id: 'equitable-grading-instruction',
  version: 1,
  title: 'Equitable Grading and Instruction',
  description:
    'The Los Angeles Unified Equitable Grading and Instruction Micro-Credential prepares ' +
    'educators to grade and assess in ways that are accurate, bias-resistant and motivational. ' +
    'Educators examine how traditional grading practices can reproduce inequities, base grades ' +
    'on evidence of learning against standards rather than on behavior or compliance, design ' +
    'assessments and rubrics that give every student clear targets, use feedback and ' +
    'reassessment to support growth, and lead colleagues, students and families in ' +
    'conversations about what grades mean.',
  standards: [
    cstp(
      5,
      'Grading on evidence of learning against standards, with feedback and reassessment that ' +
        'support growth.',
    ),
    cstp(
      1,
      'Making expectations and success criteria clear so that every student can engage and ' +
        'succeed.',
    ),
    cstp(
      2,
      'Building a classroom culture in which mistakes are part of learning and students own ' +
        'their progress.',
    ),
  ],
  knowledge: [
    'The history and purposes of grading, and how common practices such as averaging, zeros and grading behavior can reproduce inequities',
    'The pillars of equitable grading: accuracy, bias resistance and motivation',
    'Standards-based grading, proficiency scales and the difference between formative and summative assessment',
    'Research on feedback, retakes and student self-assessment',
  ],
  skills: [
    'Write proficiency scales and rubrics that describe learning at clear levels',
    'Design summative assessments that measure standards accurately and are accessible to every student',
    'Give timely, actionable feedback and design reassessment opportunities',
    'Analyze grade distributions for patterns of inequity and revise practice accordingly',
    'Facilitate conversations with colleagues, students and families about grading reform',
  ],
  dispositions: [
    'Belief that every student can reach proficiency given time and support',
    'Willingness to examine and change long-held grading practices',
    'Transparency with students and families about what grades mean',
    'Commitment to growth over compliance',
  ],
  courses: lausdCourses({
    foundationsAccess: [
      {
        id: 'eg-fa-1',
        title: 'Why Grading Matters: History, Purpose and Equity',
        hours: { faceToFace: 6, online: 9, homework: 5 },
      },
      {
        id: 'eg-fa-2',
        title: 'Accurate, Bias-Resistant and Motivational Grading',
        hours: { faceToFace: 6, online: 9, homework: 5 },
      },
    ],
    curriculumInstructionAssessment: [
      {
        id: 'eg-cia-1',
        title: 'Standards, Proficiency Scales and Assessment Design',
        hours: { faceToFace: 5, online: 8, homework: 4 },
      },
      {
        id: 'eg-cia-2',
        title: 'Feedback, Reassessment and Responsive Instruction',
        hours: { faceToFace: 7, online: 10, homework: 6 },
      },
    ],
    leadershipCapstone: [
      {
        id: 'eg-lc-1',
        title: 'Leading Grading Conversations with Colleagues and Families',
        hours: { faceToFace: 3.5, online: 4.5, homework: 4.75 },
      },
      {
        id: 'eg-lc-2',
        title: 'Capstone: Enacting Equitable Grading',
        hours: { faceToFace: 2.5, online: 4.5, homework: 5.25 },
      },
    ],
  }),
  eolas: [
    {
      id: 'eg-eola-1',
      title: 'Grading Practices Audit',
      courseId: foundationsAccess,
      guide:
        'Audit your current grading policy and one term of your gradebook against the pillars ' +
        'of accuracy, bias resistance and motivation. Submit your grading policy, a de-identified ' +
        'analysis of grade distributions by student group, and a reflection of 500-750 words ' +
        'naming the practices you will keep, change or stop, and why.',
      rubric: [
        criterion(
          'evidence',
          'The audit uses the grading policy and gradebook data, analyzed by student group',
        ),
        criterion(
          'pillars',
          'Each practice is evaluated accurately against accuracy, bias resistance and motivation',
        ),
        criterion(
          'commitments',
          'The practices to keep, change or stop follow from the analysis and are justified',
        ),
      ],
    },
    {
      id: 'eg-eola-2',
      title: 'Proficiency Scale and Aligned Assessment',
      courseId: curriculumInstructionAssessment,
      guide:
        'Choose a priority standard for an upcoming unit, write a proficiency scale for it, and ' +
        'design a summative assessment whose items or tasks map to each level of the scale. ' +
        'Submit the scale, the assessment with its item-to-level map, and the student-friendly ' +
        'version of the scale you will share with your class.',
      rubric: [
        criterion('scale', 'The scale describes distinct, observable levels of the standard'),
        criterion('alignment', 'Every item or task maps to a level of the scale'),
        criterion(
          'clarity',
          'The student-friendly scale makes the learning target and success criteria clear',
        ),
      ],
    },
    {
      id: 'eg-eola-3',
      title: 'Feedback and Reassessment Cycle',
      courseId: curriculumInstructionAssessment,
      guide:
        'Lead a full cycle of feedback and reassessment on the standard from your proficiency ' +
        'scale: formative check, descriptive feedback, student revision or relearning, and ' +
        'reassessment. Submit the formative task, feedback given to three students, their ' +
        'revised work or reassessment results, and a reflection on how the cycle changed ' +
        'their learning and their grades.',
      rubric: [
        criterion(
          'feedback',
          'Feedback is specific, tied to the scale and tells students what to do next',
        ),
        criterion(
          'reassessment',
          'Students have a real opportunity to relearn and show new learning',
        ),
        criterion(
          'grading',
          'Reported grades reflect the most recent evidence of learning, not an average of attempts',
        ),
        criterion(
          'reflection',
          "The reflection uses students' work to analyze the effect of the cycle",
        ),
      ],
    },
    {
      id: 'eg-eola-4',
      title: 'Student Self-Assessment and Goal Setting',
      courseId: curriculumInstructionAssessment,
      guide:
        'Teach students to assess their own work against the proficiency scale and set learning ' +
        'goals. Submit the self-assessment tool, a short video or transcript of a goal-setting ' +
        "conference with a student, samples of students' completed self-assessments, and a " +
        'reflection on how accurately students judged their own learning.',
      rubric: [
        criterion(
          'tool',
          'The self-assessment tool is aligned to the scale and usable by students',
        ),
        criterion('conference', 'The conference helps the student set a specific, attainable goal'),
        criterion(
          'calibration',
          "The reflection compares students' self-assessments with the teacher's and plans next steps",
        ),
      ],
    },
    {
      id: 'eg-eola-5',
      title: 'Grading Conversation Facilitation',
      courseId: leadershipCapstone,
      guide:
        'Facilitate a conversation about equitable grading with colleagues (a department or ' +
        'grade-level meeting) or with families (a workshop or back-to-school presentation). ' +
        'Submit the agenda and materials, evidence that it took place, participant feedback, and ' +
        'a reflection on the questions raised and the commitments made.',
      rubric: [
        criterion(
          'design',
          'The session grounds the conversation in evidence and in examples of student work',
        ),
        criterion(
          'facilitation',
          'Participants engage in dialogue, and concerns are heard and addressed respectfully',
        ),
        criterion(
          'commitments',
          'The session ends in concrete commitments or next steps, documented in the reflection',
        ),
      ],
    },
  ],
  capstone: {
    description:
      'Document the enactment of one of your Evidence of Learning Artifacts in your classroom, ' +
      'such as your feedback and reassessment cycle, with student work and grade data from ' +
      'before and after. Reflect on how the change affected the accuracy of your grades and ' +
      "your students' motivation and learning, name your next steps, and identify the resources " +
      'and colleagues who will support them.',
  },
  salaryPoints: 3,
  badge: {
    name: 'LAUSD Equitable Grading and Instruction Micro-Credential',
    description:
      'Awarded by the Los Angeles Unified School District to educators who have demonstrated ' +
      'expertise in grading and assessment practices that are accurate, bias-resistant and ' +
      'motivational, and in leading conversations about equitable grading.',
    criteria: badgeCriteria('LAUSD Equitable Grading and Instruction Micro-Credential'),
    imageUrl: 'https://achieve.lausd.net/microcred/badges/equitable-grading-instruction.png',
  },
}

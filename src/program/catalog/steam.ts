import type { Program } from '../program.js'
import { badgeCriteria, criterion, cstp, lausdCourseIds, lausdCourses } from './lausd-structure.js'

const { foundationsAccess, curriculumInstructionAssessment, leadershipCapstone } = lausdCourseIds

/**
 * The STEAM micro-credential, LAUSD's first (2018-19): designing, teaching, assessing and leading
 * integrated Science, Technology, Engineering, Arts and Mathematics learning.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog } from 'microcred'
 * assert.equal(catalog.steam.title, 'STEAM')
 * assert.equal(catalog.steam.badge.name, 'LAUSD STEAM Micro-Credential')
 */
export const steam: Program = {
  id: 'steam',
  version: 1,
  title: 'STEAM',
  description:
    'The Los Angeles Unified STEAM Micro-Credential cultivates, validates and recognizes ' +
    'educator expertise in Science, Technology, Engineering, the Arts and Mathematics. Over one ' +
    'school year, TK-12 educators learn as a community of practice to design transdisciplinary ' +
    'units grounded in the Next Generation Science Standards, the California Arts Standards and ' +
    'the California Computer Science Standards; to engage every student in inquiry, design ' +
    'thinking and project-based learning around authentic problems; to assess both process and ' +
    'product; and to lead the growth of STEAM at their school.',
  standards: [
    {
      targetName: 'Next Generation Science Standards: Engineering Design',
      targetUrl: 'https://www.nextgenscience.org/',
      targetFramework: 'Next Generation Science Standards',
      targetCode: 'ETS1',
      targetDescription:
        'Defining and delimiting engineering problems, developing possible solutions, and ' +
        'optimizing the design solution, from kindergarten through high school.',
    },
    {
      targetName: 'California Arts Standards: Creating',
      targetUrl: 'https://www.cde.ca.gov/be/st/ss/vapacontentstds.asp',
      targetFramework: 'California Arts Standards for Public Schools (2019)',
      targetCode: 'Anchor Standards 1-3',
      targetDescription:
        'Generating, organizing and refining artistic ideas and work, integrated with science, ' +
        'engineering and mathematics.',
    },
    {
      targetName: 'California Computer Science Standards: Algorithms and Programming',
      targetUrl: 'https://www.cde.ca.gov/be/st/ss/computerscicontentstds.asp',
      targetFramework: 'California Computer Science Standards (2018)',
      targetCode: 'AP',
    },
    cstp(
      4,
      'Planning integrated, standards-based STEAM units that give all students access to ' +
        'authentic problem solving.',
    ),
  ],
  knowledge: [
    'How science, technology, engineering, the arts and mathematics connect through authentic, transdisciplinary problems and phenomena',
    'The practices of the Next Generation Science Standards, the California Arts Standards and the California Computer Science Standards, and where they align',
    'Design thinking, the engineering design process and project-based learning as frames for student inquiry',
    'How access and equity shape which students come to see themselves in STEAM fields',
  ],
  skills: [
    'Design integrated STEAM units around a real-world problem, with learning targets in more than one discipline',
    'Facilitate student inquiry, collaboration and iterative design with hands-on materials and digital tools',
    'Assess process and product with performance tasks, rubrics and student self-reflection',
    'Lead colleagues in planning STEAM learning and build partnerships with families and community organizations',
  ],
  dispositions: [
    'Curiosity and a willingness to learn alongside students',
    'Treating failure and iteration as part of learning',
    'Commitment to equitable access to STEAM for every student',
    'Collaboration across disciplines and with the wider school community',
  ],
  courses: lausdCourses({
    foundationsAccess: [
      {
        id: 'steam-fa-1',
        title: 'STEAM Foundations: Integration, Inquiry and Design Thinking',
        hours: { faceToFace: 6, online: 9, homework: 5 },
      },
      {
        id: 'steam-fa-2',
        title: 'Access and Equity in STEAM Learning Environments',
        hours: { faceToFace: 6, online: 9, homework: 5 },
      },
    ],
    curriculumInstructionAssessment: [
      {
        id: 'steam-cia-1',
        title: 'Designing Integrated STEAM Units',
        hours: { faceToFace: 6, online: 9, homework: 5 },
      },
      {
        id: 'steam-cia-2',
        title: 'Assessing STEAM Learning',
        hours: { faceToFace: 6, online: 9, homework: 5 },
      },
    ],
    leadershipCapstone: [
      {
        id: 'steam-lc-1',
        title: 'Leading STEAM in a School Community',
        hours: { faceToFace: 3, online: 4.5, homework: 5 },
      },
      {
        id: 'steam-lc-2',
        title: 'Capstone: Enacting and Sharing STEAM Practice',
        hours: { faceToFace: 3, online: 4.5, homework: 5 },
      },
    ],
  }),
  eolas: [
    {
      id: 'steam-eola-1',
      title: 'STEAM Learning Environment Audit',
      courseId: foundationsAccess,
      guide:
        'Audit your classroom or school for STEAM: the spaces, materials, technology, schedules ' +
        'and routines that make inquiry and making possible, and which students have access to ' +
        'them. Submit the completed audit tool, four to six photographs of the environment, and ' +
        'a reflection of about 500 words naming two changes you will make to widen access for ' +
        'students who are underrepresented in STEAM fields.',
      rubric: [
        criterion(
          'audit',
          'The audit documents spaces, materials, technology and routines accurately and completely',
        ),
        criterion(
          'access',
          'The analysis uses evidence to identify which students do and do not have access to STEAM learning',
        ),
        criterion(
          'action',
          'The planned changes are specific, feasible and follow from the findings of the audit',
        ),
      ],
    },
    {
      id: 'steam-eola-2',
      title: 'Design Thinking Challenge',
      courseId: foundationsAccess,
      guide:
        'Lead students through a design thinking challenge (empathize, define, ideate, prototype, ' +
        'test) framed around a need in your school or community. Submit your lesson plan, a 5-10 ' +
        "minute video of students prototyping or testing, photographs of students' prototypes, " +
        "and a reflection on how students' thinking changed from one iteration to the next.",
      rubric: [
        criterion(
          'process',
          'Every phase of the design process is planned and visible in the evidence',
        ),
        criterion(
          'student-agency',
          'Students define the problem and make the design decisions, with the teacher facilitating',
        ),
        criterion(
          'iteration',
          'Students test and revise their prototypes, and the reflection analyzes how their thinking changed',
        ),
      ],
    },
    {
      id: 'steam-eola-3',
      title: 'Integrated STEAM Unit Plan',
      courseId: curriculumInstructionAssessment,
      guide:
        'Write a unit of at least three lessons that integrates a science or engineering practice, ' +
        'an arts standard, and a mathematics or computer science standard around a real-world ' +
        'problem or phenomenon. Submit the unit plan with its standards, learning targets, lesson ' +
        'sequence, materials and scaffolds for English learners and students with disabilities, ' +
        'together with the culminating performance task.',
      rubric: [
        criterion(
          'integration',
          'The disciplines are authentically integrated: each is needed to solve the unit problem',
        ),
        criterion(
          'standards',
          'Learning targets are aligned to the named standards and are clear to students',
        ),
        criterion(
          'access',
          'Scaffolds give English learners and students with disabilities access to rigorous work',
        ),
        criterion(
          'performance-task',
          'The performance task lets students show their learning in more than one discipline',
        ),
      ],
    },
    {
      id: 'steam-eola-4',
      title: 'STEAM Performance Assessment and Student Work Analysis',
      courseId: curriculumInstructionAssessment,
      guide:
        'Teach the performance task from your unit and score it with a rubric you designed. ' +
        'Submit the task, the rubric, scored student work at three levels (approaching, meeting ' +
        'and exceeding the target), and an analysis of what the work shows about student learning ' +
        'and how you will adjust your instruction.',
      rubric: [
        criterion(
          'rubric-quality',
          'The rubric describes process and product at distinct, observable levels',
        ),
        criterion('evidence', 'The scored samples are annotated and scored consistently'),
        criterion(
          'analysis',
          'The analysis draws accurate conclusions about student learning from the work',
        ),
        criterion(
          'next-steps',
          'Instructional adjustments follow from the analysis and address the students who need them',
        ),
      ],
    },
    {
      id: 'steam-eola-5',
      title: 'STEAM Leadership Action Plan',
      courseId: leadershipCapstone,
      guide:
        'Plan and lead an effort that grows STEAM at your school: a professional learning session ' +
        'for colleagues, a family STEAM night, or a partnership with a museum, university or ' +
        'industry partner. Submit the plan with its goals and timeline, the agenda and materials, ' +
        'evidence that it took place (sign-in sheet, photographs or a short video), participant ' +
        'feedback, and a reflection on its impact and what comes next.',
      rubric: [
        criterion('goals', 'The goals address a documented STEAM need at the school'),
        criterion(
          'engagement',
          'Participants actively engage in STEAM learning rather than only receiving information',
        ),
        criterion('impact', "Participant feedback and other evidence show the effort's impact"),
        criterion(
          'reflection',
          'The reflection draws on the evidence and names concrete next steps for the school',
        ),
      ],
    },
  ],
  capstone: {
    description:
      'Document the enactment of one of your Evidence of Learning Artifacts with your students, ' +
      'such as your integrated STEAM unit or design thinking challenge, through video, ' +
      'photographs and student work. Reflect on its impact on student learning and engagement, ' +
      'name your next steps as a STEAM educator and leader, and identify the resources and ' +
      'partners that will support them. Share the capstone with your community of practice.',
  },
  salaryPoints: 3,
  badge: {
    name: 'LAUSD STEAM Micro-Credential',
    description:
      'Awarded by the Los Angeles Unified School District to educators who have demonstrated ' +
      'expertise in designing, teaching, assessing and leading integrated STEAM learning that ' +
      'engages every student in solving authentic problems.',
    criteria: badgeCriteria('LAUSD STEAM Micro-Credential'),
    imageUrl: 'https://achieve.lausd.net/microcred/badges/steam.png',
  },
}

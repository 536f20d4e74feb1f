import type { Program } from '../program.js'
import { badgeCriteria, criterion, lausdCourseIds, lausdCourses } from './lausd-structure.js'

const { foundationsAccess, curriculumInstructionAssessment, leadershipCapstone } = lausdCourseIds

/**
 * The Early Childhood Development micro-credential: development from birth to five, play-based
 * learning, observation and assessment, and partnership with families.
 *
 * @example
 * import assert from 'node:assert/strict'
 * import { catalog } from 'microcred'
 * assert.equal(catalog.earlyChildhood.title, 'Early Childhood Development')
 * assert.equal(catalog.earlyChildhood.id, 'early-childhood-development')
 */
export const earlyChildhood: Program = {
  id: 'early-childhood-development',
  version: 1,
  title: 'Early Childhood Development',
  description:
    'The Los Angeles Unified Early Childhood Development Micro-Credential prepares educators in ' +
    'early education centers, preschool and transitional kindergarten classrooms to support ' +
    "young children's learning and development. Educators ground their practice in child " +
    'development research and the California learning foundations, design play-based ' +
    "environments and experiences, observe and document children's learning, support dual " +
    'language learners and children with disabilities, and build reciprocal partnerships with ' +
    'families.',
  standards: [
    {
      targetName: 'California Preschool Learning Foundations',
      targetUrl: 'https://www.cde.ca.gov/sp/cd/re/psfoundations.asp',
      targetFramework: 'California Preschool Learning Foundations',
      targetDescription:
        'Social-emotional development, language and literacy, English language development and ' +
        'mathematics for children in preschool and transitional kindergarten.',
    },
    {
      targetName: 'California Infant/Toddler Learning and Development Foundations',
      targetUrl: 'https://www.cde.ca.gov/sp/cd/re/itfoundations.asp',
      targetFramework: 'California Infant/Toddler Learning and Development Foundations (2009)',
      targetDescription:
        'Social-emotional, language, cognitive, and perceptual and motor development in the ' +
        'first three years.',
    },
    {
      targetName: 'NAEYC Developmentally Appropriate Practice',
      targetUrl: 'https://www.naeyc.org/resources/position-statements/dap',
      targetFramework: 'NAEYC Position Statement on Developmentally Appropriate Practice (2020)',
      targetDescription:
        'Creating a caring, equitable community of learners; engaging in reciprocal partnerships ' +
        "with families; observing, documenting and assessing children's development and learning.",
    },
  ],
  knowledge: [
    'Child development from birth through age five in the social-emotional, language, cognitive, and perceptual and motor domains',
    'The California Infant/Toddler Learning and Development Foundations and the California Preschool Learning Foundations',
    'Developmentally appropriate practice and the role of play in learning',
    'How dual language learners develop their home language and English',
  ],
  skills: [
    'Design play-based environments and daily routines that support learning in every domain',
    "Observe, document and assess children's development, including with the Desired Results Developmental Profile (DRDP)",
    'Support social-emotional development through responsive relationships and positive guidance',
    'Adapt learning experiences for dual language learners and children with disabilities',
    "Engage families as partners in their children's learning",
  ],
  dispositions: [
    'Respect for each child as a capable, curious learner',
    'Joy in play and discovery',
    'Cultural humility in partnering with families',
    'Reflective practice grounded in observation',
  ],
  courses: lausdCourses({
    foundationsAccess: [
      {
        id: 'ec-fa-1',
        title: 'Child Development from Birth to Five',
        hours: { faceToFace: 6.5, online: 9, homework: 5 },
      },
      {
        id: 'ec-fa-2',
        title: 'Environments, Relationships and Access',
        hours: { faceToFace: 5.5, online: 9, homework: 5 },
      },
    ],
    curriculumInstructionAssessment: [
      {
        id: 'ec-cia-1',
        title: 'Play-Based Curriculum and Intentional Teaching',
        hours: { faceToFace: 6, online: 9, homework: 4.5 },
      },
      {
        id: 'ec-cia-2',
        title: 'Observation, Documentation and Assessment',
        hours: { faceToFace: 6, online: 9, homework: 5.5 },
      },
    ],
    leadershipCapstone: [
      {
        id: 'ec-lc-1',
        title: 'Family Partnership and Early Childhood Leadership',
        hours: { faceToFace: 3, online: 4.5, homework: 5 },
      },
      {
        id: 'ec-lc-2',
        title: 'Capstone: Enacting Early Childhood Practice',
        hours: { faceToFace: 3, online: 4.5, homework: 5 },
      },
    ],
  }),
  eolas: [
    {
      id: 'ec-eola-1',
      title: 'Child Observation Study',
      courseId: foundationsAccess,
      guide:
        'Observe one child in your setting during play, routines and transitions on at least four ' +
        'occasions over three weeks. Submit your anecdotal notes, photographs or a short video, ' +
        'and a developmental summary that connects what you saw to the foundations in at least ' +
        "two domains and names one way you will extend the child's learning.",
      rubric: [
        criterion(
          'observation',
          'Notes are objective, dated and describe what the child did and said',
        ),
        criterion(
          'foundations',
          'The summary connects the observations accurately to foundations in at least two domains',
        ),
        criterion(
          'extension',
          "The planned extension builds on the child's interests and current development",
        ),
      ],
    },
    {
      id: 'ec-eola-2',
      title: 'Learning Environment Redesign',
      courseId: foundationsAccess,
      guide:
        'Redesign one interest area or daily routine in your classroom so that it invites play, ' +
        'exploration and independence for every child, including dual language learners and ' +
        'children with disabilities. Submit before and after photographs, a labeled diagram, and ' +
        "a reflection on how children's play and participation changed.",
      rubric: [
        criterion(
          'design',
          'Materials and space invite open-ended play and independent use by children',
        ),
        criterion(
          'access',
          'The design includes supports for dual language learners and children with disabilities',
        ),
        criterion(
          'reflection',
          "The reflection uses observations of children's play to evaluate the redesign",
        ),
      ],
    },
    {
      id: 'ec-eola-3',
      title: 'Play-Based Learning Experience',
      courseId: curriculumInstructionAssessment,
      guide:
        'Plan and lead a play-based learning experience that intentionally supports a foundation ' +
        'in language and literacy or in mathematics. Submit the plan, a 5-10 minute video of your ' +
        'interactions with children, and a reflection analyzing your questions, your language ' +
        'modeling and how children responded.',
      rubric: [
        criterion('intentionality', 'The experience targets a named foundation through play'),
        criterion(
          'interactions',
          "Open-ended questions and rich language extend children's thinking",
        ),
        criterion('child-agency', 'Children make choices and lead their own play'),
        criterion(
          'reflection',
          'The reflection uses evidence from the video to evaluate teacher-child interactions',
        ),
      ],
    },
    {
      id: 'ec-eola-4',
      title: 'Documentation Panel and Assessment',
      courseId: curriculumInstructionAssessment,
      guide:
        "Create a documentation panel or digital learning story that makes a small group's " +
        "learning visible with photographs, children's words and their work. Submit the " +
        'documentation, the Desired Results Developmental Profile (DRDP) measures it informed, ' +
        'and your plan for the next learning experiences it suggests.',
      rubric: [
        criterion(
          'documentation',
          "The documentation makes children's thinking visible, not only their activities",
        ),
        criterion(
          'assessment-use',
          'Evidence is connected accurately to DRDP measures and developmental levels',
        ),
        criterion('planning', 'Next learning experiences follow from the documented learning'),
      ],
    },
    {
      id: 'ec-eola-5',
      title: 'Family Partnership Project',
      courseId: leadershipCapstone,
      guide:
        'Plan and carry out a family partnership activity, such as a family learning night, home ' +
        "visits, or a two-way communication system in families' home languages. Submit the plan " +
        'and materials, evidence of family participation, family feedback, and a reflection on ' +
        'what you learned about the children from their families.',
      rubric: [
        criterion(
          'reciprocity',
          "Communication runs both ways, and families' knowledge of their children shapes the plan",
        ),
        criterion('access', "The activity is accessible in families' home languages and schedules"),
        criterion(
          'impact',
          'Evidence shows stronger family partnership, and the reflection names next steps',
        ),
      ],
    },
  ],
  capstone: {
    description:
      'Document the enactment of one of your Evidence of Learning Artifacts in your early ' +
      'childhood setting, such as your play-based learning experience or documentation panel, ' +
      "with video, photographs and children's work. Reflect on what it shows about children's " +
      'development and learning, name your next steps as an early childhood educator, and ' +
      'identify the resources and partners who will support them.',
  },
  salaryPoints: 3,
  badge: {
    name: 'LAUSD Early Childhood Development Micro-Credential',
    description:
      'Awarded by the Los Angeles Unified School District to educators who have demonstrated ' +
      'expertise in developmentally appropriate, play-based teaching, observation and ' +
      'assessment, and family partnership for children from birth through age five.',
    criteria: badgeCriteria('LAUSD Early Childhood Development Micro-Credential'),
    imageUrl: 'https://achieve.lausd.net/microcred/badges/early-childhood-development.png',
  },
}

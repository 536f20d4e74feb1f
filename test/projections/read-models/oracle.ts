/**
 * An independent oracle for the read models: it folds decoded enrollment events with plain loops
 * over their types (not the core's `evolve`, not `progress`) into its own small records, and
 * computes every report's rows from them by the rules the read models document. The property
 * tests check that each read model equals this oracle over random histories.
 */
import type { EnrollmentEvent, HoursByMode, Requirements } from '../../../src/index.js'

type Status = 'active' | 'earned' | 'withdrawn' | 'revoked' | 'incomplete'
type Mode = 'faceToFace' | 'online' | 'homework'

interface SeenAttempt {
  readonly attempt: number
  readonly submittedAt: string
  grade: { assessorId: string; outcome: 'meets' | 'revise'; gradedAt: string } | null
  readonly enactedEolaId?: string
}

/** What the oracle knows of one enrollment. */
export interface Seen {
  readonly id: string
  readonly educatorId: string
  readonly educatorName: string
  readonly cohortId: string
  readonly programId: string
  readonly programVersion: number
  readonly enrolledAt: string
  readonly requirements: Requirements
  status: Status
  readonly credited: Record<Mode, number>
  readonly modulesDone: Set<string>
  readonly coursesDone: Set<string>
  readonly artifacts: Map<string, SeenAttempt[]>
  readonly capstone: SeenAttempt[]
  earned: { credentialId: string; at: string; points: number; hours: HoursByMode } | null
  withdrawn: { at: string; reason: string } | null
  revoked: { at: string; reason: string } | null
  /** The cohort closed before it earned: `EnrollmentExpired`, status `incomplete`. */
  expired: { at: string; reason: string } | null
  badgeId: string | null
}

/** Folds decoded events, in log order, into what the oracle knows of each enrollment. */
export const oracleFold = (events: ReadonlyArray<EnrollmentEvent>): Map<string, Seen> => {
  const seen = new Map<string, Seen>()
  for (const event of events) {
    const id = event.data.enrollmentId
    const one = seen.get(id)
    if (event.type === 'EducatorEnrolled') {
      if (one !== undefined) continue
      const d = event.data
      seen.set(id, {
        id,
        educatorId: d.educator.id,
        educatorName: d.educator.name,
        cohortId: d.cohortId,
        programId: d.programId,
        programVersion: d.programVersion,
        enrolledAt: d.at,
        requirements: d.requirements,
        status: 'active',
        credited: { faceToFace: 0, online: 0, homework: 0 },
        modulesDone: new Set(),
        coursesDone: new Set(),
        artifacts: new Map(d.requirements.eolas.map((eola) => [eola.id, []])),
        capstone: [],
        earned: null,
        withdrawn: null,
        revoked: null,
        expired: null,
        badgeId: null,
      })
      // A module that requires no hours is completed by the enrollment itself, as an event.
      continue
    }
    if (one === undefined) continue
    const d = event.data
    switch (event.type) {
      case 'HoursRecorded':
        one.credited[event.data.mode] += event.data.creditedHours
        break
      case 'ModuleCompleted':
        one.modulesDone.add(event.data.moduleId)
        break
      case 'CourseCompleted':
        one.coursesDone.add(event.data.courseId)
        break
      case 'ArtifactSubmitted':
        one.artifacts
          .get(event.data.eolaId)
          ?.push({ attempt: event.data.attempt, submittedAt: d.at, grade: null })
        break
      case 'ArtifactGraded': {
        const attempt = one.artifacts.get(event.data.eolaId)?.[event.data.attempt - 1]
        if (attempt !== undefined) {
          attempt.grade = {
            assessorId: event.data.assessorId,
            outcome: event.data.outcome,
            gradedAt: d.at,
          }
        }
        break
      }
      case 'CapstoneSubmitted':
        one.capstone.push({
          attempt: event.data.attempt,
          submittedAt: d.at,
          grade: null,
          enactedEolaId: event.data.enactedEolaId,
        })
        break
      case 'CapstoneGraded': {
        const attempt = one.capstone[event.data.attempt - 1]
        if (attempt !== undefined) {
          attempt.grade = {
            assessorId: event.data.assessorId,
            outcome: event.data.outcome,
            gradedAt: d.at,
          }
        }
        break
      }
      case 'CredentialEarned':
        one.status = 'earned'
        one.earned = {
          credentialId: event.data.credentialId,
          at: d.at,
          points: event.data.salaryPoints,
          hours: event.data.hours,
        }
        break
      case 'EnrollmentWithdrawn':
        one.status = 'withdrawn'
        one.withdrawn = { at: d.at, reason: event.data.reason }
        break
      case 'CredentialRevoked':
        one.status = 'revoked'
        one.revoked = { at: d.at, reason: event.data.reason }
        break
      case 'EnrollmentExpired':
        one.status = 'incomplete'
        one.expired = { at: d.at, reason: event.data.reason }
        break
      case 'BadgeIssued':
        one.badgeId = event.data.badgeId
        break
    }
  }
  return seen
}

// -------------------------------------------------------------------------------------
// shared rules, written out again
// -------------------------------------------------------------------------------------

const ms = (iso: string) => new Date(iso).getTime()
const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const byEnrolled = (a: Seen, b: Seen) => ms(a.enrolledAt) - ms(b.enrolledAt) || text(a.id, b.id)
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
const days = (from: string, to: string) => (ms(to) - ms(from)) / (24 * 60 * 60 * 1000)

const requiredHours = (one: Seen): HoursByMode => ({
  faceToFace: sum(one.requirements.modules.map((m) => m.hours.faceToFace)),
  online: sum(one.requirements.modules.map((m) => m.hours.online)),
  homework: sum(one.requirements.modules.map((m) => m.hours.homework)),
})

type Standing = 'notSubmitted' | 'awaitingGrade' | 'revise' | 'meets' | 'exhausted'
const standing = (attempts: ReadonlyArray<SeenAttempt>, allowed: number): Standing => {
  if (attempts.length === 0) return 'notSubmitted'
  if (attempts.some((a) => a.grade?.outcome === 'meets')) return 'meets'
  if (attempts[attempts.length - 1]?.grade === null) return 'awaitingGrade'
  return attempts.length >= allowed ? 'exhausted' : 'revise'
}

/** The ids of the oracle's enrollments matching `keep`, in the lookups' order. */
export const oracleIds = (seen: Map<string, Seen>, keep: (one: Seen) => boolean): string[] =>
  [...seen.values()]
    .filter(keep)
    .sort(byEnrolled)
    .map((one) => one.id)

// -------------------------------------------------------------------------------------
// reports
// -------------------------------------------------------------------------------------

/** The cohort progress rows, by the documented weighting and at-risk rule. */
export const oracleCohortProgress = (seen: Map<string, Seen>, cohortId: string, asOf: string) => {
  const collator = new Intl.Collator('en')
  return [...seen.values()]
    .filter((one) => one.cohortId === cohortId)
    .map((one) => {
      const max = one.requirements.maxAttempts
      const required = requiredHours(one)
      const creditedTotal = one.credited.faceToFace + one.credited.online + one.credited.homework
      const requiredTotal = required.faceToFace + required.online + required.homework
      const eolas = one.requirements.eolas.map((eola) => ({
        title: eola.title,
        standing: standing(one.artifacts.get(eola.id) ?? [], max),
      }))
      const capstone = standing(one.capstone, max)
      const needsCapstone = one.requirements.capstoneRequired
      const met = eolas.filter((e) => e.standing === 'meets').length
      const reqs = eolas.length + (needsCapstone ? 1 : 0)
      const done = met + (needsCapstone && capstone === 'meets' ? 1 : 0)
      const percent = Math.floor(
        50 * (requiredTotal === 0 ? 1 : creditedTotal / requiredTotal) +
          50 * (reqs === 0 ? 1 : done / reqs),
      )
      let reason: string | null = null
      if (one.status === 'active') {
        const exhausted = eolas.find((e) => e.standing === 'exhausted')
        const enrolled = new Date(one.enrolledAt)
        const startYear =
          enrolled.getUTCMonth() < 6 ? enrolled.getUTCFullYear() - 1 : enrolled.getUTCFullYear()
        const start = Date.UTC(startYear, 6, 1)
        const end = Date.UTC(startYear + 1, 6, 1)
        const elapsed = Math.min(1, Math.max(0, (ms(asOf) - start) / (end - start)))
        if (exhausted !== undefined) {
          reason = `EOLA '${exhausted.title}' has used every attempt without meeting`
        } else if (needsCapstone && capstone === 'exhausted') {
          reason = 'the capstone has used every attempt without meeting'
        } else if (percent < elapsed * 100 - 20) {
          const year = `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`
          reason = `${percent}% complete with ${Math.floor(elapsed * 100)}% of the ${year} school year elapsed: more than 20 points behind`
        }
      }
      return {
        enrollmentId: one.id,
        educatorId: one.educatorId,
        educatorName: one.educatorName,
        cohortId: one.cohortId,
        programId: one.programId,
        programVersion: one.programVersion,
        enrolledAt: one.enrolledAt,
        status: one.status,
        hours: { credited: { ...one.credited }, required, creditedTotal, requiredTotal },
        modules: { completed: one.modulesDone.size, required: one.requirements.modules.length },
        courses: { completed: one.coursesDone.size, required: one.requirements.courses.length },
        eolas: {
          met,
          awaitingGrade: eolas.filter((e) => e.standing === 'awaitingGrade').length,
          required: eolas.length,
        },
        capstone,
        percentComplete: percent,
        atRisk: reason !== null,
        atRiskReason: reason,
      }
    })
    .sort(
      (a, b) =>
        collator.compare(a.educatorName, b.educatorName) ||
        text(a.educatorName, b.educatorName) ||
        text(a.enrollmentId, b.enrollmentId),
    )
}

/** The assessor queue: the latest attempt of each EOLA and of the capstone, when ungraded. */
export const oracleQueue = (seen: Map<string, Seen>, now: string, assessorId?: string) => {
  const items = []
  for (const one of seen.values()) {
    if (one.status !== 'active') continue
    const threads: Array<{ eolaId: string | null; attempts: SeenAttempt[] }> = [
      ...one.requirements.eolas.map((eola) => ({
        eolaId: eola.id,
        attempts: one.artifacts.get(eola.id) ?? [],
      })),
      { eolaId: null, attempts: one.capstone },
    ]
    for (const { eolaId, attempts } of threads) {
      const last = attempts[attempts.length - 1]
      if (last === undefined || last.grade !== null) continue
      const previous = attempts[attempts.length - 2]
      const enacted = last.enactedEolaId ?? null
      const title = (id: string | null) =>
        one.requirements.eolas.find((eola) => eola.id === id)?.title ?? String(id)
      items.push({
        enrollmentId: one.id,
        educatorId: one.educatorId,
        educatorName: one.educatorName,
        programId: one.programId,
        cohortId: one.cohortId,
        kind: eolaId === null ? ('capstone' as const) : ('eola' as const),
        eolaId,
        eolaTitle: eolaId === null ? `Capstone: ${title(enacted)}` : title(eolaId),
        enactedEolaId: enacted,
        attempt: last.attempt,
        submittedAt: last.submittedAt,
        daysWaiting: Math.max(0, Math.floor(days(last.submittedAt, now))),
        assessorId: previous?.grade?.assessorId ?? null,
      })
    }
  }
  return items
    .filter((item) => assessorId === undefined || item.assessorId === assessorId)
    .sort(
      (a, b) =>
        ms(a.submittedAt) - ms(b.submittedAt) ||
        text(a.enrollmentId, b.enrollmentId) ||
        text(a.kind, b.kind) ||
        text(a.eolaId ?? '', b.eolaId ?? ''),
    )
}

/** The transcript of an educator: every enrollment, by enrolledAt then id. */
export const oracleTranscript = (seen: Map<string, Seen>, educatorId: string) =>
  [...seen.values()]
    .filter((one) => one.educatorId === educatorId)
    .sort(byEnrolled)
    .map((one) => ({
      enrollmentId: one.id,
      educatorId: one.educatorId,
      educatorName: one.educatorName,
      cohortId: one.cohortId,
      programId: one.programId,
      programVersion: one.programVersion,
      title: null,
      status: one.status,
      enrolledAt: one.enrolledAt,
      earnedAt: one.earned?.at ?? null,
      withdrawnAt: one.withdrawn?.at ?? null,
      withdrawalReason: one.withdrawn?.reason ?? null,
      revokedAt: one.revoked?.at ?? null,
      revocationReason: one.revoked?.reason ?? null,
      expiredAt: one.expired?.at ?? null,
      expiryReason: one.expired?.reason ?? null,
      hours: one.earned?.hours ?? { ...one.credited },
      salaryPoints: one.status === 'earned' ? (one.earned?.points ?? 0) : 0,
      salaryPointsAwarded: one.earned?.points ?? null,
      credentialId: one.earned?.credentialId ?? null,
      badgeId: one.badgeId,
    }))

/** The salary-points ledger: an award per credential earned, a reversal per revocation. */
export const oracleLedger = (seen: Map<string, Seen>) => {
  const rows = []
  for (const one of seen.values()) {
    if (one.earned === null) continue
    const common = {
      employeeId: one.educatorId,
      employeeName: one.educatorName,
      enrollmentId: one.id,
      programId: one.programId,
      programVersion: one.programVersion,
      credentialId: one.earned.credentialId,
    }
    rows.push({
      ...common,
      kind: 'award' as const,
      points: one.earned.points,
      date: one.earned.at,
      reason: null,
    })
    if (one.revoked !== null) {
      rows.push({
        ...common,
        kind: 'reversal' as const,
        points: 0 - one.earned.points,
        date: one.revoked.at,
        reason: one.revoked.reason,
      })
    }
  }
  return rows.sort(
    (a, b) =>
      ms(a.date) - ms(b.date) || text(a.enrollmentId, b.enrollmentId) || text(a.kind, b.kind),
  )
}

const oracleMedian = (values: number[]): number | null => {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const n = s.length
  return n % 2 === 1
    ? (s[(n - 1) / 2] as number)
    : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2
}

/** The 90th percentile by nearest rank: the ceil(0.9 n)-th smallest value. */
export const oracleP90 = (values: number[]): number | null => {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  return s[Math.ceil(0.9 * s.length) - 1] as number
}

/** Program analytics, program by program. */
export const oracleAnalytics = (seen: Map<string, Seen>) => {
  const programs = [...new Set([...seen.values()].map((one) => one.programId))].sort(text)
  return programs.map((programId) => {
    const ones = [...seen.values()].filter((one) => one.programId === programId)
    const count = (status: Status) => ones.filter((one) => one.status === status).length
    const attempts = ones.flatMap((one) => [...one.artifacts.values()])
    const tried = attempts.filter((list) => list.length > 0)
    const submissions = sum(tried.map((list) => list.length))
    const graded = ones
      .flatMap((one) => [...[...one.artifacts.values()].flat(), ...one.capstone])
      .flatMap((a) => (a.grade === null ? [] : [days(a.submittedAt, a.grade.gradedAt)]))
    return {
      programId,
      enrolled: ones.length,
      earned: count('earned'),
      withdrawn: count('withdrawn'),
      // Still under way, and expired unfinished when the cohort closed: two counts.
      active: count('active'),
      incomplete: count('incomplete'),
      revoked: count('revoked'),
      completionRate: ones.length === 0 ? null : count('earned') / ones.length,
      medianDaysToEarn: oracleMedian(
        ones.flatMap((one) => (one.earned === null ? [] : [days(one.enrolledAt, one.earned.at)])),
      ),
      resubmissionRate: submissions === 0 ? null : (submissions - tried.length) / submissions,
      meanAttemptsPerEola: tried.length === 0 ? null : submissions / tried.length,
      gradingTurnaround: { medianDays: oracleMedian(graded), p90Days: oracleP90(graded) },
    }
  })
}

import { z } from 'zod';
import { err, ok, type Result } from '../time/index.ts';
import { deliveryProfileSchema } from '../spec/index.ts';
import { DELIVER_JOB_KINDS, DELIVER_JOB_STATES, DELIVER_PLAN_SCHEMA, type DeliverPlan } from './model.ts';

/**
 * Reading a plan file back. The parts a run acts on (jobs, states, outputs, sidecars, the
 * profile) are validated; the embedded timeline and segments are trusted as written by
 * `deliverPlanOf`. Only version 1 exists; a reader for a newer schema says so.
 */
const rate = z.object({ num: z.number().int().positive(), den: z.number().int().positive() }).loose();
const jobSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(DELIVER_JOB_KINDS),
    preset: z.string(),
    label: z.string(),
    range: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
    container: z.enum(['mov', 'mp4', 'mxf', 'wav']),
    timecode: z.string(),
    reel: z.string(),
    output: z.object({ folder: z.string(), name: z.string().min(1) }),
    segments: z.object({ video: z.array(z.unknown()), audio: z.array(z.array(z.unknown())) }),
    blockers: z.array(z.string()),
    expect: deliveryProfileSchema,
    checkProfile: z.boolean(),
    fingerprint: z.string(),
    state: z.enum(DELIVER_JOB_STATES),
    reason: z.string().optional(),
    attempts: z.number().int().nonnegative(),
  })
  .loose();

const planSchema = z
  .object({
    schema: z.literal(DELIVER_PLAN_SCHEMA),
    id: z.string(),
    title: z.string(),
    packageFolder: z.string().min(1),
    timeline: z.object({ name: z.string(), version: z.string(), rate, startTimecode: z.string(), durationFrames: z.number().int(), model: z.object({ kind: z.literal('timeline') }).loose() }).loose(),
    profile: deliveryProfileSchema,
    naming: z.object({ template: z.string() }).loose(),
    checksum: z.object({ algorithms: z.array(z.string()).min(1) }),
    sources: z.array(z.object({ path: z.string() }).loose()),
    jobs: z.array(jobSchema),
    sidecars: z.array(z.object({ kind: z.string(), path: z.string(), state: z.enum(['planned', 'written', 'failed']) }).loose()),
    waivers: z.array(z.unknown()),
    findings: z.array(z.unknown()),
    mhl: z.array(z.string()),
  })
  .loose();

/** Parses plan JSON text; every problem names its path in the file. */
export function readDeliverPlan(text: string): Result<DeliverPlan, string[]> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return err([`not valid JSON: ${(e as Error).message}`]);
  }
  const schema = (data as { schema?: unknown } | null)?.schema;
  if (typeof schema === 'string' && schema !== DELIVER_PLAN_SCHEMA && schema.startsWith('picturelock.deliver-plan/')) {
    return err([`${schema} is newer than this picturelock reads (${DELIVER_PLAN_SCHEMA}); update picturelock`]);
  }
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) return err(parsed.error.issues.map((i) => `${i.path.join('.') || '(plan)'}: ${i.message}`));
  return ok(data as DeliverPlan);
}

// The validation workflow's settings and their schema: parsed in main (IPC, the settings file) and
// by the renderer's Settings dialog, which loads this module only when it opens.
import { z } from 'zod';
import { failoverModes, trainingScenarios, workflowModes } from './workflow.ts';

export const workflowSettingsSchema = z.strictObject({
  mode: z.enum(workflowModes),
  failover: z.enum(failoverModes),
  /** KB 895668: this server (name or host) is tried first; null = the original's order only. */
  preferredServer: z.string().min(1).max(253).nullable(),
  /** KB 270836: per server (name or host), the System Attendant's static port; the endpoint mapper is not asked for it. */
  saStaticPorts: z.record(z.string().min(1).max(253).regex(/^[A-Za-z0-9.-]+$/), z.number().int().min(1).max(65535)),
  pingTimeoutMs: z.number().int().min(100).max(30_000),
  /** Deadline of each SCM request (connect, SMB2, RPC). */
  scmTimeoutMs: z.number().int().min(100).max(60_000),
  /** Deadline of each endpoint-mapper / System Attendant step. */
  saTimeoutMs: z.number().int().min(100).max(60_000),
  trainingScenario: z.enum(trainingScenarios),
});
export type WorkflowSettings = z.output<typeof workflowSettingsSchema>;

export const defaultWorkflowSettings: WorkflowSettings = {
  mode: 'original',
  failover: 'parallel',
  preferredServer: null,
  saStaticPorts: {},
  pingTimeoutMs: 1000,
  scmTimeoutMs: 5000,
  saTimeoutMs: 5000,
  trainingScenario: 'healthy',
};


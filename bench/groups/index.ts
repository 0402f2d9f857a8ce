/**
 * The registry of benchmark groups: name → group. To add one, write bench/groups/<name>.ts exporting a
 * BenchGroup and add it here; `npm run bench -- <name>` then runs it alone.
 */
import type { BenchGroup } from '../metric';
import { h2Group } from './h2';
import { h3Group } from './h3';
import { pipelineGroup } from './pipeline';
import { sessionGroup } from './session';
import { timelineGroup } from './timeline';

/** Every group, in the order `npm run bench` runs them. */
export const GROUPS: Readonly<Record<string, BenchGroup>> = {
  pipeline: pipelineGroup,
  session: sessionGroup,
  h2: h2Group,
  h3: h3Group,
  timeline: timelineGroup,
};

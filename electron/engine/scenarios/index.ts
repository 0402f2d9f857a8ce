/**
 * The engine's scenario runners by id. Every id in shared/scenarios.ts has a runner here (a test checks it).
 */
import type { ScenarioRunner } from './context';
import { chunkedResponse, chunkedUpload, interactiveEcho, keepAlive, rawRequest } from './h1-lessons';

/** Runner of each scenario id. */
export const RUNNERS: Readonly<Record<string, ScenarioRunner>> = {
  'chunked-response': chunkedResponse,
  'chunked-upload': chunkedUpload,
  'interactive-echo': interactiveEcho,
  'keep-alive': keepAlive,
  'raw-request': rawRequest,
};

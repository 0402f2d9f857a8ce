/**
 * The engine's scenario runners by id. Every id in shared/scenarios.ts has a runner here (a test checks it).
 */
import type { ScenarioRunner } from './context';
import { chunkedResponse, chunkedUpload, interactiveEcho, keepAlive, rawRequest } from './h1-lessons';
import { quicHandshake } from './quic-lessons';
import { altSvc, h3Basics, h3Multiplexing, qpack } from './h3-lessons';
import { mtls } from './mtls-lesson';
import { alpn, compare, flowControl, frameScript, h1VsH2, h2Basics, h2c, hpack, multiplexing, resetGoaway, serverPush } from './h2-lessons';

/** Runner of each scenario id. */
export const RUNNERS: Readonly<Record<string, ScenarioRunner>> = {
  'chunked-response': chunkedResponse,
  'chunked-upload': chunkedUpload,
  'interactive-echo': interactiveEcho,
  'keep-alive': keepAlive,
  'raw-request': rawRequest,
  'h2-basics': h2Basics,
  multiplexing,
  'h1-vs-h2': h1VsH2,
  'server-push': serverPush,
  'flow-control': flowControl,
  h2c,
  alpn,
  hpack,
  'reset-goaway': resetGoaway,
  'frame-script': frameScript,
  compare,
  'quic-handshake': quicHandshake,
  'h3-basics': h3Basics,
  'h3-multiplexing': h3Multiplexing,
  qpack,
  'alt-svc': altSvc,
  mtls,
};

/**
 * How a scenario (a lesson) is described to the person and to the engine.
 */

/** Value types a scenario option can take. */
export type OptionValue = string | number | boolean;

/** One option a scenario accepts, with its default and bounds. */
export interface ScenarioOption {
  readonly key: string;
  readonly label: string;
  readonly type: 'number' | 'string' | 'boolean' | 'text';
  readonly default: OptionValue;
  readonly min?: number;
  readonly max?: number;
  readonly help?: string;
}

/** A lesson the engine can run: what it shows and why. */
export interface ScenarioInfo {
  /** Stable id, used by the CLI and the API ("chunked-response"). */
  readonly id: string;
  readonly title: string;
  readonly protocol: 'h1' | 'h2' | 'h3' | 'mixed';
  /** One line for the lesson list. */
  readonly summary: string;
  /** A few sentences: what to look at, and which RFC section explains it. */
  readonly explanation: string;
  /** RFC sections to read, as "RFC 9112 §7.1" with a link. */
  readonly references: readonly { readonly label: string; readonly url: string }[];
  readonly options: readonly ScenarioOption[];
}

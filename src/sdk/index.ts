// The npm package `oblix`: OblixClient and its types (dist/types is made from this file: scripts/sdk-types.js).
export { OblixClient, type Served } from './client';
export {
  OblixOptionsError,
  type OblixClientOptions,
  type ConfigOptions,
  type ProviderOptions,
  type RoutingMode,
  type Preference,
  type Tier,
  type SecretsPolicy,
} from './client-options';
export type { ExecuteChunk, ExecuteMessage, ExecuteOptions, ExecuteResult } from './execute-types';
export type { Session, SessionMessage, SessionSummary } from '../core/sessions/session';
export type { Usage } from '../core/usage';

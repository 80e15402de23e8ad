// The npm package `oblix`: OblixClient and its types.
export { OblixClient, type Served } from './client';
export { OblixOptionsError, type OblixClientOptions, type ConfigOptions, type ProviderOptions } from './client-options';
export type { ExecuteChunk, ExecuteMessage, ExecuteOptions, ExecuteResult } from './execute-types';
export type { Session, SessionMessage, SessionSummary } from '../core/sessions/session';
export type { Usage } from '../core/request';
export type { RoutingMode } from '../core/config/config';
export type { Preference } from '../core/routing/tiers';

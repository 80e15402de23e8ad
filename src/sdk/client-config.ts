// OblixClient's options → the core's config, through the one normaliser with the CLI's rules.
import type { OblixConfig, RoutingMode as CoreMode, SecretsPolicy as CorePolicy } from '../core/config/config';
import { normaliseConfig, type HostRules } from '../core/config/normalise';
import type { ProviderKind } from '../core/providers/provider';
import type { Preference as CorePreference, Tier as CoreTier } from '../core/routing/tiers';
import { OblixOptionsError, type OblixClientOptions, type ProviderOptions, type Preference, type RoutingMode, type SecretsPolicy, type Tier } from './client-options';

/** The options' own unions are the core's: a new mode or tier added there fails the type check here. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const UNIONS_MATCH: [
  Same<RoutingMode, CoreMode>,
  Same<Preference, CorePreference>,
  Same<Tier, CoreTier>,
  Same<SecretsPolicy, CorePolicy>,
  Same<ProviderOptions['kind'], ProviderKind>,
] = [true, true, true, true, true];

const SDK_ONLY = ['connect', 'env'] as const;

/** The CLI's rules: the environment configures providers, keyless ones are kept, a file names exact ids. */
const RULES: HostRules = { environment: 'configures', keyless: 'keep', defaultCloudModels: true, bareRoleIds: 'refused' };

/** The options as an OblixConfig, or an OblixOptionsError naming every wrong value. */
export function configOf(options: OblixClientOptions, env: Readonly<Record<string, string | undefined>>): OblixConfig {
  const raw: Record<string, unknown> = { ...options };
  for (const k of SDK_ONLY) delete raw[k];
  const { config, problems } = normaliseConfig({ raw, env, rules: RULES });
  if (problems.length) throw new OblixOptionsError(`OblixClient options: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`);
  return config;
}

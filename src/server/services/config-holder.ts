/**
 * Holds the active SLO config. A reload (file change or SIGHUP) validates the new config
 * first: if it has errors, the old config stays active and the errors are kept for
 * /api/v1/config/status and the log.
 */
import { ConfigError, formatDiagnostic, hasErrors, type Diagnostic } from '../../errors/index.js';
import type { CompositeSlo, Slo, SloConfig } from '../../slo/model.js';
import type { ConfigStatus } from '../schemas/read.js';
import type { LoadedDocument } from '../../slo/spec/index.js';
import { readGatePolicy } from './budget-policy.js';

export type ConfigLoader = (
  paths: readonly string[],
) => Promise<{ config: SloConfig; diagnostics: Diagnostic[]; documents?: readonly LoadedDocument[] }>;

export interface ReloadOutcome {
  ok: boolean;
  errors: string[];
}

export class ConfigHolder {
  private active: SloConfig | null = null;
  private byName = new Map<string, Slo>();
  private compositeByName = new Map<string, CompositeSlo>();
  private loadedAt: number | null = null;
  private lastReload: ConfigStatus['lastReload'] = null;
  /** From an ErrorBudgetPolicy document; null when the config has none. */
  private exceptionLabels: string[] | null = null;

  constructor(
    readonly paths: readonly string[],
    private readonly loader: ConfigLoader,
    private readonly now: () => number,
  ) {}

  /** First load: an invalid config is fatal (throws ConfigError with every diagnostic). */
  async loadInitial(): Promise<SloConfig> {
    const { config, diagnostics } = await this.loadWithPolicy();
    if (hasErrors(diagnostics)) throw new ConfigError(diagnostics);
    this.activate(config);
    return config;
  }

  private pendingLabels: string[] | null = null;

  private async loadWithPolicy(): Promise<{ config: SloConfig; diagnostics: Diagnostic[] }> {
    const { config, diagnostics, documents } = await this.loader(this.paths);
    const policy = readGatePolicy(documents ?? []);
    this.pendingLabels = policy.exceptionLabels;
    return { config, diagnostics: [...diagnostics, ...policy.diagnostics] };
  }

  /** Reload: keeps the old config when the new one is invalid. */
  async reload(trigger: string): Promise<ReloadOutcome> {
    let errors: string[];
    try {
      const { config, diagnostics } = await this.loadWithPolicy();
      errors = diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
      if (errors.length === 0) this.activate(config);
    } catch (err: unknown) {
      errors = [err instanceof Error ? err.message : String(err)];
    }
    this.lastReload = { at: this.now(), ok: errors.length === 0, trigger, errors };
    return { ok: errors.length === 0, errors };
  }

  private activate(config: SloConfig): void {
    this.active = config;
    this.exceptionLabels = this.pendingLabels;
    this.byName = new Map(config.slos.map((s) => [s.name, s]));
    this.compositeByName = new Map(config.composites.map((c) => [c.name, c]));
    this.loadedAt = this.now();
  }

  get config(): SloConfig {
    if (!this.active) throw new Error('config not loaded yet');
    return this.active;
  }

  /** Change labels that may ship during a freeze, when the config declares them. */
  get gateExceptionLabels(): readonly string[] | null {
    return this.exceptionLabels;
  }

  get slos(): readonly Slo[] {
    return this.active?.slos ?? [];
  }

  slo(name: string): Slo | undefined {
    return this.byName.get(name);
  }

  /** Composite SLOs (OpenSLO compositeWeight): shown by the read API, never alerted on. */
  get composites(): readonly CompositeSlo[] {
    return this.active?.composites ?? [];
  }

  composite(name: string): CompositeSlo | undefined {
    return this.compositeByName.get(name);
  }

  status(): ConfigStatus {
    return {
      paths: [...this.paths],
      loadedAt: this.loadedAt,
      slos: this.active?.slos.length ?? 0,
      services: new Set(this.active?.slos.map((s) => s.service) ?? []).size,
      lastReload: this.lastReload,
    };
  }
}

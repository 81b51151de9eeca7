/**
 * The import rules of motcua-audit (`npm run lint:deps`).
 *
 * Layers, bottom to top; a module imports only from its own layer or lower ones:
 *   1. core       src/types.ts, src/errors.ts, src/core/, src/worker-script.ts
 *   2. i18n       src/i18n/ (every sentence; imports only core)
 *   3. normalize  src/normalize/ (pure value normalizers)
 *   4. domain     src/ingest/, src/match/, src/report/, src/store/, src/config/ (siblings)
 *   5. audit      src/audit/ (the use cases)
 *   6. top        src/run/, src/cli/, src/index.ts
 * No cycles (type-only imports included); store never imports report, ingest or match; report never
 * imports store; cli reaches lower layers only through audit/ (core and i18n excepted).
 */
const CORE = '^src/(types[.]ts|errors[.]ts|worker-script[.]ts|core/)';
const I18N = '^src/i18n/';
const NORMALIZE = '^src/normalize/';
const DOMAIN = '^src/(ingest|match|report|store|config)/';
const AUDIT = '^src/audit/';
const TOP = '^src/(run/|cli/|index[.]ts)';

/** A rule: modules matching `from` may not import modules matching `to` (minus `toNot`). */
function forbid(name, comment, from, to, extra = {}) {
  return { name, comment, severity: 'error', from: { path: from, ...extra.from }, to: { path: to, ...extra.to } };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'Every module is imported by something (entry points excepted).',
      severity: 'error',
      from: { orphan: true, pathNot: ['^src/index[.]ts$', '^src/cli/main[.]ts$', '-worker[.]ts$', '[.]d[.]ts$'] },
      to: {},
    },
    forbid('core-imports-only-core', 'core is the bottom layer.', CORE, '^src/', { to: { pathNot: CORE } }),
    forbid('i18n-imports-only-core', 'Sentences depend on core only.', I18N, '^src/', {
      to: { pathNot: [CORE, I18N] },
    }),
    forbid('normalize-no-upward', 'normalize sits under ingest, match, report, store, config.', NORMALIZE, '^src/', {
      to: { pathNot: [CORE, I18N, NORMALIZE] },
    }),
    forbid('domain-no-upward', 'Layer 4 never imports audit/, run/ or cli/.', DOMAIN, `${AUDIT}|${TOP}`, { from: { pathNot: I18N } }),
    forbid('audit-no-upward', 'The application layer never imports run/ or cli/.', AUDIT, TOP),
    forbid('store-only-stores', 'store never imports report, ingest or match.', '^src/store/', '^src/(report|ingest|match)/'),
    forbid('report-no-store', 'report never imports store (row types live in core).', '^src/report/', '^src/store/'),
    forbid(
      'cli-through-audit',
      'cli reaches lower layers only through audit/ (core and i18n excepted).',
      '^src/cli/',
      `${NORMALIZE}|${DOMAIN}`,
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

/**
 * Which file may import which (DESIGN §2), checked by dependency-cruiser as part of `npm run lint`, so a
 * cycle or an import against the layers fails `npm test` rather than a review. eslint.config.js keeps the
 * rules about packages (no `electron` in the core, no Node in the renderer); this file keeps the rules
 * between our own folders.
 *
 * The rules are grouped by layer: one group for the whole tree, then one per part (`renderer/`, then
 * electron/, hub/ and shared/), joined in `forbidden` at the bottom.
 */

// ── The whole tree ────────────────────────────────────────────────────────────────────────────────────────

/** A cycle makes two files one unit that can be read, tested and moved only together. */
const everywhere = [
  {
    name: 'no-circular',
    severity: 'error',
    comment: 'No import cycles in electron/, renderer/, hub/ or shared/: the files of a cycle cannot be layered.',
    from: { path: '^(electron|renderer|hub|shared)/' },
    to: { circular: true },
  },
];

// ── renderer/ ─────────────────────────────────────────────────────────────────────────────────────────────

const RENDERER = 'renderer/src';

/** The folders every layer above them may use: notifications and how errors read, routes and shortcuts. */
const FOUNDATIONS = ['feedback', 'navigation'];
/** Pieces shared by many features: display pieces, form and editor pieces, the contact picker and editor. */
const PIECES = ['common', 'forms', 'contacts'];
/** One thing an agent does each: a screen, a dialog, a settings tab, the sync status. */
const FEATURES = [
  'automation',
  'first-start',
  'inbox',
  'incident',
  'intake',
  'kpis',
  'mailboxes',
  'message',
  'new-incident',
  'queue',
  'quick-log',
  'settings',
  'sync',
  'team-hub',
  'templates',
];

/**
 * Where one feature shows another's part, and so may import it. Anything not listed goes through a piece
 * or the shell instead; the list is short on purpose.
 */
const FEATURE_EMBEDS = {
  // its Automation, Mailboxes, Team hub and Templates tabs, and the KPIs' goal dialog on its Goals tab
  settings: ['automation', 'kpis', 'mailboxes', 'team-hub', 'templates'],
  automation: ['templates'], // the placeholders a rule's mail may use
  'first-start': ['team-hub'], // joining a team before anyone is signed in
  inbox: ['intake'], // the "Import email" button
  message: ['inbox'], // triage from the message itself
  'team-hub': ['sync'], // the sync state and replaced changes the status bar also shows
};

/**
 * The renderer's layer table, bottom up: each folder of `renderer/src/` may import its own files, `shared/`,
 * packages, and the folders listed beside it, nothing else of the renderer's. Only `api/` touches the desk
 * (eslint checks `window.desk`), so `api/` sits under everything that shows what the desk answers.
 */
const RENDERER_LAYERS = [
  ...FOUNDATIONS.map((folder) => ({ folder, mayImport: [] })),
  { folder: 'api', mayImport: ['feedback'] },
  ...PIECES.map((folder) => ({ folder, mayImport: [...PIECES, 'api', ...FOUNDATIONS] })),
  ...FEATURES.map((folder) => ({
    folder,
    mayImport: [...(FEATURE_EMBEDS[folder] ?? []), ...PIECES, 'api', ...FOUNDATIONS],
  })),
  { folder: 'shell', mayImport: [...FEATURES, ...PIECES, 'api', ...FOUNDATIONS] },
  { folder: 'app', mayImport: ['shell', ...FEATURES, ...PIECES, 'api', ...FOUNDATIONS] },
];

const anyOf = (folders) => `^${RENDERER}/(${folders.join('|')})/`;
const KNOWN_FOLDERS = RENDERER_LAYERS.map(({ folder }) => folder);

const renderer = [
  {
    name: 'renderer-imports-only-shared',
    severity: 'error',
    comment: 'The renderer reaches the desk through window.desk only: of the other folders, it imports shared/.',
    from: { path: '^renderer/' },
    to: { path: '^(electron|hub|test)/' },
  },
  ...RENDERER_LAYERS.map(({ folder, mayImport }) => ({
    name: `renderer-layer-${folder}`,
    severity: 'error',
    comment: mayImport.length
      ? `${RENDERER}/${folder}/ may import only ${mayImport.map((f) => `${f}/`).join(', ')} of the renderer's folders.`
      : `${RENDERER}/${folder}/ is a foundation: it imports none of the renderer's other folders.`,
    from: { path: `^${RENDERER}/${folder}/` },
    to: { path: `^${RENDERER}/`, pathNot: anyOf([folder, ...mayImport]) },
  })),
  {
    name: 'renderer-entry',
    severity: 'error',
    comment: 'main.tsx mounts the app inside the notifications; the rest is app/’s to compose.',
    from: { path: `^${RENDERER}/main[.]tsx$` },
    to: { path: `^${RENDERER}/`, pathNot: anyOf(['app', 'feedback']) },
  },
  {
    name: 'renderer-folder-in-layer-table',
    severity: 'error',
    comment: `A new folder of ${RENDERER}/ takes its place in the layer table above before anything imports it.`,
    from: { path: `^${RENDERER}/` },
    to: { path: `^${RENDERER}/[^/]+/`, pathNot: anyOf(KNOWN_FOLDERS) },
  },
];

// ── electron/, hub/ and shared/ ─────────────────────────────────────────────────────────────────────────

/** The core's one entry: the shell and the hosts reach nothing else of it. */
const CORE_ENTRY = '^electron/core/index[.]ts$';

const desk = [
  {
    name: 'shared-imports-only-shared',
    severity: 'error',
    comment: 'shared/ is what both sides build on: it imports nothing of ours outside itself.',
    from: { path: '^shared/' },
    to: { path: '^(electron|renderer|hub|test)/' },
  },
  {
    name: 'core-imports-only-shared',
    severity: 'error',
    comment: 'The core runs under every host: it imports shared/ and itself, never a host, the shell or the hub.',
    from: { path: '^electron/core/' },
    to: { path: '^(electron/(main|preload|host)|renderer|hub|test)/' },
  },
  {
    name: 'shell-and-hosts-through-the-core-entry',
    severity: 'error',
    comment: 'electron/main, electron/preload and electron/host reach the core through core/index.ts only.',
    from: { path: '^electron/(main|preload|host)/' },
    to: { path: '^electron/core/', pathNot: CORE_ENTRY },
  },
  {
    name: 'preload-knows-the-contract-only',
    severity: 'error',
    comment: 'The preload runs beside the page: of ours it imports shared/ and itself.',
    from: { path: '^electron/preload/' },
    to: { path: '^(electron/(core|main|host)|renderer|hub)/' },
  },
  {
    name: 'main-is-the-shell-only',
    severity: 'error',
    comment: 'The Electron shell imports shared/, the core entry and itself; hosts and the hub are other programs.',
    from: { path: '^electron/main/' },
    to: { path: '^(electron/(preload|host)|renderer|hub)/' },
  },
  {
    name: 'hosts-through-the-hub-entry',
    severity: 'error',
    comment: 'The hosts start and administer the hub through hub/index.ts only.',
    from: { path: '^electron/host/' },
    to: { path: '^(hub/|electron/(main|preload)/|renderer/)', pathNot: '^hub/index[.]ts$' },
  },
  {
    name: 'hub-imports-only-shared',
    severity: 'error',
    comment: 'The hub is a service of its own: it imports shared/ and itself.',
    from: { path: '^hub/' },
    to: { path: '^(electron|renderer|test)/' },
  },
];

// ── The configuration ─────────────────────────────────────────────────────────────────────────────────────

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [...everywhere, ...renderer, ...desk],
  options: {
    // Our own files only: which packages a folder may use is eslint's to check.
    includeOnly: '^(electron|renderer|hub|shared|test)/',
    doNotFollow: { path: 'node_modules' },
    // `import type` is an import too: a cycle through types still ties the files together.
    tsPreCompilationDeps: true,
  },
};

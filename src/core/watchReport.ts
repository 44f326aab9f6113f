// The report of `appconfig-inspector watch`: turns the sessions CMD made (with core's anomalies) into the
// versioned report model, decides watch's exit status, and re-exports the text and JUnit renderings. The
// entry src/cli/watch*.ts imports; pure core. Schema and exit codes: docs/watch-report.md.
export * from './watchReportTypes.js';
export { WATCH_RULE_NAMES, parseWatchRuleName } from './watchPolicy.js';
export { buildWatchReport } from './watchReportBuild.js';
export { renderWatchText, shellLine } from './watchReportText.js';
export { renderWatchJUnit } from './watchReportJUnit.js';

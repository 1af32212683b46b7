import 'server-only';

export { createScenarioState } from './state';
export type { EdgeRef, ScenarioInfo, ScenarioState } from './state';
export { SCENARIO_CATALOG, SCENARIO_NAMES, parseScenarioOptions } from './catalog';
export type { ScenarioName, ScenarioOptions } from './catalog';

export { backfill, pushBetween, startLiveTraffic, type SimulatorOptions } from './simulator.js';
export { backfillSamples, diurnalFactor, noise, SHOP_PROFILES, shopIncidents, trafficBetween, type Incident, type TrafficProfile } from './traffic.js';

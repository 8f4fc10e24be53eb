export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { sensorFigures, sensorValue, type SensorFigures } from './sensors.js';

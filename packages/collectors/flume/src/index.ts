export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { flumeFigures, COMPONENT_FIGURES, type FlumeFigure } from './components.js';

export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { attributeValue, mbeanPrefix } from './mx4j.js';
export { xmlElements, type XmlElement } from './xml.js';

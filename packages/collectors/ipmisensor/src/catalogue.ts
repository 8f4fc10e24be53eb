import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: '{sensor*}',
    type: 'gauge',
    unit: "the sensor's",
    description:
      "A sensor's reading in its own unit (degrees C, Volts, RPM, Watts), or a discrete sensor's state bits; with `thresholds`, `<sensor>.Reading` and its `Lower.*` and `Upper.*` thresholds.",
  },
];

import { option } from '@spinel/sdk';

export const options = {
  simple: option.boolean(false, "Publish only the 1-minute load as `load` and `load_normalized` (Diamond's simple mode), with the process counts."),
};

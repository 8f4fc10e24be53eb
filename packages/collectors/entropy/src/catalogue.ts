import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [{ name: 'available', type: 'gauge', unit: 'bits', description: 'Entropy available in the kernel pool.' }];

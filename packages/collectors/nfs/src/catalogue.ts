import type { Catalogue } from '@spinel/sdk';
import { rpcCatalogue } from '@spinel/collector-nfsd';
import { NFS_LAYOUT } from './layout.js';

export const catalogue: Catalogue = rpcCatalogue(NFS_LAYOUT);

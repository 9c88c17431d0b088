import { VendorContractEntity } from './entities/vendor-contract.entity.js';
import { VendorEntity } from './entities/vendor.entity.js';

export { criticalityTier, type Intake, INTAKE_SCALES, type Tier } from './criticality.js';
export {
  type VendorAccess,
  type VendorContact,
  VendorEntity,
  type VendorService,
} from './entities/vendor.entity.js';

export const VENDOR_ENTITIES = [VendorEntity, VendorContractEntity];
export { VendorContractEntity };
export {
  ADVISORY_MINIMUMS,
  type ClauseGap,
  clauseGaps,
  type ContractClauses,
} from './contract-clauses.js';
export * from './vendors.errors.js';
export { VendorsModule } from './vendors.module.js';
export {
  type VendorDetails,
  type VendorFilter,
  type VendorPage,
  VendorsService,
} from './vendors.service.js';
export { VendorsGraphqlModule } from './vendors-graphql.module.js';
export {
  type ContractDetails,
  ContractNotFoundError,
  ContractsService,
} from './contracts.service.js';

import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'cascade:isPublic';

/** Opts an operation out of the global authentication guard. Use for the very few open ones. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

export const IS_UNMETERED = 'cascade:isUnmetered';

/** Opts a public HTTP route out of the request budget: only for probes that must always answer. */
export const Unmetered = (): MethodDecorator & ClassDecorator => SetMetadata(IS_UNMETERED, true);

import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'cascade:isPublic';

/** Opts an operation out of the global authentication guard. Use for the very few open ones. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

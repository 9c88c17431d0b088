import {
  type ArgumentMetadata,
  BadRequestException,
  Injectable,
  type PipeTransform,
} from '@nestjs/common';

const MAX_DEPTH = 20;

function findBadText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed();
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some((item) =>
    findBadText(item, depth + 1),
  );
}

/**
 * At the edge, for every argument of every operation: PostgreSQL refuses NUL characters (a 500
 * deep inside) and silently replaces unpaired surrogates (data changed without a word).
 */
@Injectable()
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom' && findBadText(value)) {
      throw new BadRequestException([
        'text must not contain NUL characters or unpaired surrogates',
      ]);
    }
    return value;
  }
}

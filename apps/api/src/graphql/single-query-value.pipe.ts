import { InvalidInputError } from '@app/common';
import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';

/**
 * A named query parameter is one string. Express hands over an array when the name repeats
 * (`?fileName=a&fileName=b`), which string code then trips over with a 500: refuse it here.
 */
@Injectable()
export class SingleQueryValuePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'query' || !metadata.data) return value;
    if (value === undefined || typeof value === 'string') return value;
    throw new InvalidInputError(
      'QUERY_PARAMETER_INVALID',
      `Give the query parameter ${metadata.data} once, as text.`,
    );
  }
}

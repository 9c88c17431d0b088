import { ApolloLink } from '@apollo/client';
import { Observable, of } from 'rxjs';

type Answers = Readonly<Record<string, (variables: Record<string, unknown>) => ApolloLink.Result>>;

/**
 * A GraphQL "server" for component tests: named operations get their answer, anything else (the
 * next page's queries) waits forever. `seen` records every operation sent, in order.
 */
export function fakeApi(answers: Answers) {
  const seen: ApolloLink.Operation[] = [];
  const link = new ApolloLink((operation) => {
    seen.push(operation);
    const answer = answers[operation.operationName ?? ''];
    if (answer) return of(answer(operation.variables));
    return new Observable<ApolloLink.Result>(() => undefined);
  });
  return { link, seen };
}

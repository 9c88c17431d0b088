import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

/** A link to the sign-in page that brings the person back to `redirect` afterwards. */
export function SignInLink({
  redirect = '/',
  children,
}: {
  readonly redirect?: string;
  readonly children: ReactNode;
}) {
  return (
    <Anchor renderRoot={(props) => <Link {...props} to="/sign-in" search={{ redirect }} />}>
      {children}
    </Anchor>
  );
}

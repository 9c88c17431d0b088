import type { QueryRunner } from 'typeorm';

/**
 * The one cross-tenant path: an MSP reads (and partly writes) the assessments addressed to it,
 * which live in each customer's tenant. Rows carry `respondent_tenant_id`, copied from the
 * assessment; these policies admit the MSP by that column only, on top of the tenant policy.
 * Shared by migrations: changing it changes what earlier migrations would do, so don't.
 */
export async function admitRespondent(
  queryRunner: QueryRunner,
  table: string,
  commands: readonly ('SELECT' | 'INSERT' | 'UPDATE')[],
): Promise<void> {
  // `(SELECT …)` makes the setting an init plan, read once per statement rather than per row.
  const mine = `respondent_tenant_id = (SELECT app_current_tenant())`;
  // An insert must name an assessment that is really addressed to the MSP, not just carry its id.
  const addressed =
    table === 'assessments'
      ? mine
      : `${mine} AND app_is_respondent("${table}".tenant_id, "${table}".assessment_id)`;
  for (const command of commands) {
    const name = `${table}_respondent_${command.toLowerCase()}`;
    const clause =
      command === 'SELECT'
        ? `USING (${mine})`
        : command === 'INSERT'
          ? `WITH CHECK (${addressed})`
          : `USING (${mine}) WITH CHECK (${addressed})`;
    await queryRunner.query(`CREATE POLICY "${name}" ON "${table}" FOR ${command} ${clause}`);
  }
}

export async function releaseRespondent(
  queryRunner: QueryRunner,
  table: string,
  commands: readonly ('SELECT' | 'INSERT' | 'UPDATE')[],
): Promise<void> {
  for (const command of commands) {
    await queryRunner.query(
      `DROP POLICY "${table}_respondent_${command.toLowerCase()}" ON "${table}"`,
    );
  }
}

/**
 * A second wall under the service code: when the MSP's side updates a customer's row, only the
 * listed columns may change. The customer's own updates (tenant matches) are not limited.
 */
export async function guardRespondentColumns(
  queryRunner: QueryRunner,
  table: string,
  columns: readonly string[],
): Promise<void> {
  const list = columns.map((c) => `'${c}'`).join(', ');
  await queryRunner.query(
    `CREATE TRIGGER "${table}_respondent_columns" BEFORE UPDATE ON "${table}"
       FOR EACH ROW EXECUTE FUNCTION app_guard_respondent_update(${list})`,
  );
}

/** Tables whose tenant policy reads the setting once per statement (see `admitRespondent`). */
export async function readTenantOnce(queryRunner: QueryRunner, table: string): Promise<void> {
  const tenant = `tenant_id = (SELECT app_current_tenant())`;
  await queryRunner.query(
    `ALTER POLICY "${table}_tenant_isolation" ON "${table}" USING (${tenant}) WITH CHECK (${tenant})`,
  );
}

export async function readTenantPerRow(queryRunner: QueryRunner, table: string): Promise<void> {
  const tenant = `tenant_id = app_current_tenant()`;
  await queryRunner.query(
    `ALTER POLICY "${table}_tenant_isolation" ON "${table}" USING (${tenant}) WITH CHECK (${tenant})`,
  );
}

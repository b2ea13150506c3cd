// Access on the built site: the private-endpoints example opens with a read-only policy on the
// S3 gateway endpoint; applying the read-only template and adding a PutObject request to a flow
// to S3 shows "Denied" with the deciding statement, which links back to the endpoint; a broken
// policy shows its syntax error with line and column while the text stays; undo restores it.
import { test, expect } from '@playwright/test';
import { openTemplate, watchErrors } from './helpers';

test('endpoint policy: template, a denied request with its statement, inline syntax errors, undo', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await openTemplate(page, 'S3 gateway and Secrets Manager interface endpoints, NAT for the rest');
  const canvas = page.getByRole('listbox', { name: 'Canvas' });
  const inspector = page.getByRole('complementary', { name: 'Inspector' });

  // The example's flow app-a → S3 already has a denied PutObject.
  await expect(canvas.getByRole('option', { name: /^Flow app-a to s3/ })).toHaveAttribute('aria-description', /s3:PutObject is denied by endpoint policy s3-gateway, statement 2 \(NoWrites\)/);

  // The gateway endpoint: clear its policy (the default, full access), then the template.
  await canvas.getByRole('option', { name: /^Gateway endpoint s3-gateway/ }).click();
  const policy = inspector.getByRole('textbox', { name: 'Endpoint policy' });
  await policy.fill('');
  await expect(inspector).toContainText('Empty: the default policy, full access for everyone.');
  await inspector.getByRole('button', { name: 'Read-only bucket' }).click();
  await expect(policy).toHaveValue(/"Sid": "NoWrites"/);
  await expect(policy).toHaveValue(/arn:aws:s3:::app-data\/\*/);
  const template = await policy.inputValue();

  // A PutObject request on the other flow to S3 is denied by the template's statement 2.
  const flowB = canvas.getByRole('option', { name: /^Flow app-b to s3/ });
  await flowB.focus();
  await flowB.press('Enter');
  await inspector.getByRole('button', { name: 'Add a request' }).click();
  const action = inspector.locator('#req-0-action');
  await action.fill('s3:PutObject');
  await action.press('Enter');
  const verdict = inspector.locator('.request .access');
  await expect(verdict).toContainText('Denied');
  await expect(verdict).toContainText('statement 2 (NoWrites)');
  await expect(inspector.getByRole('region', { name: 'Path' })).toContainText('Access: 0 allowed, 1 denied');
  await page.screenshot({ path: 'target/access-denied.png' });

  // The deciding statement links to the endpoint, whose editor names it.
  await verdict.getByRole('button', { name: 'statement 2 (NoWrites) of s3-gateway' }).click();
  await expect(inspector).toContainText('Deciding: statement 2 (NoWrites) denies s3:PutObject of flow');

  // Broken JSON: the error with line and column under the text, which stays as typed.
  const broken = '{\n  "Statement": [\n    { "Effect": "Allow", }\n  ]\n}';
  await policy.fill(broken);
  await expect(inspector.locator('.policy .field-error').first()).toContainText(/not valid JSON: .*\(line 3, column \d+\)/);
  await expect(policy).toHaveValue(broken);
  await page.screenshot({ path: 'target/policy-error.png' });

  // Undo brings the template back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(policy).toHaveValue(template);
  await expect(inspector.locator('.policy .field-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

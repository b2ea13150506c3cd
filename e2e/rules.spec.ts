// Security groups and network ACLs of a VPC, edited in the inspector: rules, ports shown only
// for protocols that have them, numbers that do not parse kept in the field with a message and
// never written to the design, and a flow's volume. (These editors are built from shared field
// helpers to keep the bundle small; this test pins what they do.)
import { test, expect } from '@playwright/test';
import { dragFromPalette, watchErrors } from './helpers';

test('security group and network ACL rules are edited in the VPC inspector', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'New', exact: true }).click();
  const canvas = page.getByRole('listbox', { name: 'Canvas' });
  await dragFromPalette(page, 'VPC', { x: 360, y: 260 });
  const vpc = canvas.getByRole('option', { name: 'VPC vpc-1 10.0.0.0/16' });
  await expect(vpc).toBeVisible();
  await dragFromPalette(page, 'Subnet', { x: 360, y: 260 });
  await vpc.focus();

  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const groups = inspector.getByRole('region', { name: 'Security groups' });
  await groups.getByRole('button', { name: 'Add security group' }).click();
  // As AWS creates one: all traffic out, nothing in.
  await expect(groups.getByRole('group', { name: 'Security group sg-1' })).toBeVisible();
  await expect(groups.getByLabel('Protocol')).toHaveCount(1);
  await expect(groups.getByLabel('Protocol')).toHaveValue('all');
  await expect(groups.getByLabel('From port')).toHaveCount(0);

  // A new inbound rule: HTTPS from the VPC's block.
  await groups.getByRole('button', { name: 'Add inbound rule' }).click();
  const from = groups.locator('#sg-0-in-0-from');
  await expect(from).toHaveValue('443');
  await expect(groups.locator('#sg-0-in-0-cidr')).toHaveValue('10.0.0.0/16');

  // A port that is no port stays in the field, explained, and the design keeps 443.
  await from.fill('70000');
  await from.press('Enter');
  await expect(groups.getByText('"70000" is not a port number from 0 to 65535')).toBeVisible();
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await from.fill('8443');
  await from.press('Enter');
  await expect(groups.getByText('is not a port number')).toHaveCount(0);
  await expect(from).toHaveValue('8443');
  // Undo takes back the one committed change.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(groups.locator('#sg-0-in-0-from')).toHaveValue('443');

  // ICMP has no ports; the peer can be another group.
  await groups.locator('#sg-0-in-0-protocol').selectOption('icmp');
  await expect(groups.locator('#sg-0-in-0-from')).toHaveCount(0);
  await groups.locator('#sg-0-in-0-peer').selectOption('security_group');
  await expect(groups.locator('#sg-0-in-0-group')).toHaveValue('sg-1');
  await groups.getByRole('button', { name: 'Remove inbound rule 1' }).click();
  await expect(groups.locator('#sg-0-in-0-protocol')).toHaveCount(0);

  // Network ACLs: numbered rules, allow or deny, and the subnets they cover.
  const acls = inspector.getByRole('region', { name: 'Network ACLs' });
  await acls.getByRole('button', { name: 'Add network ACL' }).click();
  await acls.getByRole('button', { name: 'Add inbound rule' }).click();
  await acls.getByRole('button', { name: 'Add inbound rule' }).click();
  await expect(acls.locator('#acl-0-in-0-number')).toHaveValue('100');
  await expect(acls.locator('#acl-0-in-1-number')).toHaveValue('200');
  const number = acls.locator('#acl-0-in-1-number');
  await number.fill('0');
  await number.press('Enter');
  await expect(acls.getByText('"0" is not a rule number from 1 to 32766')).toBeVisible();
  await number.fill('100');
  await number.press('Enter');
  // Two rules with one number: the model's problem shows at the ACL.
  await expect(acls.getByText(/has two inbound rules numbered 100/)).toBeVisible();
  await acls.locator('#acl-0-in-1-action').selectOption('deny');
  await expect(acls.locator('#acl-0-in-1-action')).toHaveValue('deny');
  await acls.locator('#acl-0-in-1-protocol').selectOption('tcp');
  await expect(acls.locator('#acl-0-in-1-from')).toBeVisible();
  const subnet = acls.getByRole('checkbox', { name: /^subnet-1 \(/ });
  await subnet.check();
  await expect(subnet).toBeChecked();

  await page.screenshot({ path: 'e2e/screenshots/rules.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('a flow volume that is no number is refused at the field', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const canvas = page.getByRole('listbox', { name: 'Canvas' });
  const flow = canvas.getByRole('option', { name: /^Flow / }).first();
  await flow.focus();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const volume = inspector.getByLabel('GB per month');
  const before = await volume.inputValue();
  await volume.fill('12abc');
  await volume.press('Enter');
  await expect(inspector.getByText('"12abc" is not a number of GB from 0 to 1000000000')).toBeVisible();
  await volume.fill('250.5');
  await volume.press('Enter');
  await expect(inspector.getByText('is not a number of GB')).toHaveCount(0);
  await expect(volume).toHaveValue('250.5');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(inspector.getByLabel('GB per month')).toHaveValue(before);
  expect(errors).toEqual([]);
});

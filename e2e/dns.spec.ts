// DNS on the built site: the DNS panel answers what a name resolves to from where and why; a
// flow's tooltip names what it looked up; turning private DNS off sends a flow through the NAT
// gateway; the DNS parts are drawn from the palette and edited with errors at the field.
import { test, expect } from '@playwright/test';
import { centreOf, dragFromPalette, openTemplate, watchErrors } from './helpers';

test('the DNS panel explains answers from a subnet and from on-premises, and refuses bad names', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await openTemplate(page, 'Hybrid DNS over a VPN to a virtual private gateway');
  const canvas = page.getByRole('listbox', { name: 'Canvas' });
  await expect(canvas.getByRole('option', { name: /^Resolver inbound endpoint inbound/ })).toBeVisible();

  await page.getByRole('tab', { name: 'DNS' }).click();
  const panel = page.getByRole('region', { name: 'DNS' });
  const name = panel.getByLabel('Name', { exact: true });
  const from = panel.getByLabel('Ask from');

  // In the VPC, S3's private DNS is for inbound queries only: the public name stays public.
  await from.selectOption({ label: 'subnet private-a (prod, us-east-1a)' });
  await name.fill('s3.us-east-1.amazonaws.com');
  await expect(panel.getByRole('status')).toContainText('Public');
  await expect(panel.getByRole('list', { name: 'How it was resolved' })).toContainText('answers only queries from a Resolver inbound endpoint');

  // From the data centre, through the inbound endpoint: the interface endpoint's addresses.
  await from.selectOption({ label: 'on-premises dc' });
  await expect(panel.getByRole('status')).toContainText('Private');
  await expect(panel.getByRole('list', { name: 'Answer' }).getByRole('listitem')).toHaveCount(2);
  await expect(panel.getByRole('list', { name: 'Answer' })).toContainText('10.0.10.11 — interface endpoint s3-interface');
  // "show" selects the item a step happened at.
  await panel.getByRole('button', { name: 'Select inbound' }).click();
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { name: /Resolver inbound endpoint inbound/ })).toBeVisible();

  // A corporate name from the VPC goes through the outbound endpoint's forwarding rule.
  await from.selectOption({ label: 'VPC prod' });
  await name.fill('erp.corp.example.com');
  await expect(panel.getByRole('status')).toContainText('Private');
  await expect(panel.getByRole('list', { name: 'How it was resolved' })).toContainText('forwarding rule for corp.example.com');

  // A hostile name is refused where it was typed, as text.
  await name.fill('<img src=x onerror=alert(1)>');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.locator('#dns-name-errors')).toContainText("holds '<'");
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  // Hovering a flow tells what it looked up.
  await expect(canvas.getByRole('option', { name: /^Flow dc to s3/ }).locator('title')).toContainText('DNS: backups.s3.us-east-1.amazonaws.com → 10.0.10.11');
  await page.screenshot({ path: 'target/dns-panel.png' });
  expect(errors).toEqual([]);
});

test('turning private DNS off sends the flow through the NAT gateway', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const canvas = page.getByRole('listbox', { name: 'Canvas' });
  const flow = canvas.getByRole('option', { name: /^Flow app-a to secretsmanager/ });
  await expect(flow).toHaveAttribute('aria-description', /Path: private/);
  await canvas.getByRole('option', { name: /^Interface endpoint secretsmanager/ }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Private DNS name').uncheck();
  await expect(flow).toHaveAttribute('aria-description', /Path: internet, via NAT gateway nat-a/);
  await expect(flow).toHaveAttribute('aria-description', /DNS: secretsmanager.us-east-1.amazonaws.com → public addresses/);
  // The endpoint-specific name still reaches the endpoint: set it as the flow's name.
  const names = inspector.locator('details.dns-names');
  await names.locator('summary').click();
  const vpceName = (await names.getByRole('listitem').first().textContent())!.trim();
  expect(vpceName).toMatch(/^vpce-0[0-9a-f]{16}-[a-z0-9]{8}\.secretsmanager\.us-east-1\.vpce\.amazonaws\.com$/);
  await flow.focus();
  await inspector.getByLabel('DNS name it looks up').fill(vpceName);
  await inspector.getByLabel('DNS name it looks up').press('Enter');
  await expect(flow).toHaveAttribute('aria-description', /Path: private/);
  // Undo twice: the name, then private DNS, come back as they were.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(flow).toHaveAttribute('aria-description', /Path: private/);
  await expect(flow).toHaveAttribute('aria-description', /DNS: secretsmanager.us-east-1.amazonaws.com → 10\.0\.10\.10/);
  expect(errors).toEqual([]);
});

test('a private hosted zone and a Resolver endpoint come from the palette and are edited in place', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const canvas = page.getByRole('listbox', { name: 'Canvas' });
  await expect(canvas.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });

  await page.getByRole('button', { name: 'Private hosted zone', exact: true }).click();
  await expect(inspector.getByRole('heading', { name: /Private hosted zone/ })).toBeVisible();
  await expect(inspector.getByLabel('VPC prod')).toBeChecked();
  const domain = inspector.getByLabel('Domain');
  await domain.fill('bad..name');
  await domain.press('Enter');
  await expect(inspector.getByText('has an empty label')).toBeVisible();
  await domain.fill('prod.internal');
  await domain.press('Enter');
  await inspector.getByRole('button', { name: 'Add a record' }).click();
  await expect(inspector.getByLabel('Endpoint')).toHaveValue('vpce-2');

  // The zone answers in the VPC with the endpoint's interfaces.
  await page.getByRole('tab', { name: 'DNS' }).click();
  const panel = page.getByRole('region', { name: 'DNS' });
  await panel.getByLabel('Ask from').selectOption({ label: 'VPC prod' });
  await panel.getByLabel('Name', { exact: true }).fill('prod.internal');
  await expect(panel.getByRole('status')).toContainText('Private');
  await expect(panel.getByRole('list', { name: 'How it was resolved' })).toContainText('answers with an alias to interface endpoint secretsmanager');

  // An inbound endpoint dropped in a subnet takes a second AZ by itself.
  const box = (await canvas.boundingBox())!;
  const subnet = await centreOf(canvas.getByRole('option', { name: /^Subnet private-b/ }));
  await dragFromPalette(page, 'Resolver inbound endpoint', { x: subnet.x - box.x, y: subnet.y - box.y + 40 });
  await expect(inspector.getByRole('heading', { name: /Resolver inbound endpoint/ })).toBeVisible();
  await expect(inspector.getByRole('group', { name: /Subnets/ }).getByRole('checkbox', { checked: true })).toHaveCount(2);
  expect(errors).toEqual([]);
});

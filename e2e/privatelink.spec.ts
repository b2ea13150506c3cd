// PrivateLink on the built site: the example where EKS in VPC A reaches a service behind a
// network load balancer in VPC B opens with its flow private, through the interface endpoint,
// the endpoint service and a target; the endpoint's service list names the endpoint service;
// a listener on another port drops the flow, and undo brings it back.
import { test, expect } from '@playwright/test';
import { openTemplate, watchErrors } from './helpers';

test('the PrivateLink example: the flow is private through the endpoint and the NLB', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await openTemplate(page, 'EKS in VPC A to a service in VPC B through PrivateLink');
  const canvas = page.getByRole('listbox', { name: 'Canvas' });
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const service = canvas.getByRole('option', { name: /^Endpoint service orders-service/ });
  await expect(service).toBeVisible();

  const flow = canvas.getByRole('option', { name: /^Flow eks-nodes to orders-service/ });
  await expect(flow).toHaveAttribute('aria-description', /Path: private/);
  await expect(flow).toHaveAttribute('aria-description', /DNS: orders\.example\.com → 10\.0\.1\.11/);
  await flow.click();
  const path = inspector.getByRole('region', { name: 'Path' });
  await expect(path.getByRole('status')).toHaveText('Private');
  await expect(path).toContainText('over AWS PrivateLink to endpoint service orders-service');
  await expect(path).toContainText('target EC2 instance orders-a');
  await expect(page.locator('svg .path.verdict-private .path-line')).toHaveCount(1);
  await page.screenshot({ path: 'target/privatelink-path.png' });

  // The interface endpoint connects to the endpoint service, picked from its service list.
  await canvas.getByRole('option', { name: /^Interface endpoint orders-endpoint/ }).click();
  await expect(inspector.getByLabel('Service', { exact: true })).toHaveValue('endpoint-service:vpcesvc-orders');

  // The load balancer moved to another port: the flow is dropped, saying why; undo restores it.
  await service.click();
  const port = inspector.getByLabel('Listener port (TCP)');
  await port.fill('9443');
  await port.press('Enter');
  await expect(flow).toHaveAttribute('aria-description', /Path: dropped: the network load balancer of endpoint service orders-service listens on TCP 9443 only/);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(flow).toHaveAttribute('aria-description', /Path: private/);
  expect(errors).toEqual([]);
});

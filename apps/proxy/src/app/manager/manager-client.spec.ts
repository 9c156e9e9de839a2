import { managerUrl } from './manager-client';

describe("the manager's URL", () => {
  it.each([
    ['http://10.0.0.11:8080', 'http://10.0.0.11:8080/api/v1/agents'],
    ['http://10.0.0.11:8080/', 'http://10.0.0.11:8080/api/v1/agents'],
    ['https://edge.example.org/strato', 'https://edge.example.org/strato/api/v1/agents'],
    ['https://edge.example.org/strato/', 'https://edge.example.org/strato/api/v1/agents'],
  ])('keeps the path prefix of %s', (base, expected) => {
    expect(managerUrl(base, '/api/v1/agents').toString()).toBe(expected);
  });
});

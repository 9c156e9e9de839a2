import type Docker from 'dockerode';
import { SCRIPT_INTERPRETERS, type ScriptInterpreter } from '@strato/contracts';
import { INTERPRETER_PATHS } from '../jobs/job-argv';
import type { RuntimeLogger } from '../runtime-event';
import { hasStatus } from './docker-errors';
import { IMAGE_NODE } from './docker-job-exec';

const IMAGE_CANDIDATES: Readonly<Record<ScriptInterpreter, readonly string[]>> = {
  ...INTERPRETER_PATHS,
  node: [IMAGE_NODE],
};

/** On the never-started container a probe creates, so one left behind by a crash can be told apart. */
export const PROBE_LABEL = 'strato.probe';

/**
 * Which interpreters an image holds, read from its filesystem without starting anything: a container is
 * created from the image (not started), each candidate path is stat'ed with HEAD /containers/{id}/archive
 * (404: not there; a symlink such as /bin/sh is there), and the container is removed. Asked once per image
 * id, so a tag rebuilt into another image is asked again.
 */
export class DockerImageInterpreters {
  private readonly byImageId = new Map<string, Promise<ScriptInterpreter[]>>();

  constructor(
    private readonly docker: Docker,
    private readonly logger: RuntimeLogger,
  ) {}

  async of(image: string): Promise<ScriptInterpreter[]> {
    const { Id } = await this.docker.getImage(image).inspect();
    let answer = this.byImageId.get(Id);
    if (answer === undefined) {
      answer = this.probe(Id);
      this.byImageId.set(Id, answer);
      answer.catch(() => this.byImageId.delete(Id));
    }
    return answer;
  }

  private async probe(imageId: string): Promise<ScriptInterpreter[]> {
    const container = await this.docker.createContainer({
      Image: imageId,
      Labels: { [PROBE_LABEL]: 'interpreters' },
      HostConfig: { NetworkMode: 'none' },
    });
    try {
      const present = await Promise.all(
        SCRIPT_INTERPRETERS.map((interpreter) => this.anyExists(container, IMAGE_CANDIDATES[interpreter])),
      );
      return SCRIPT_INTERPRETERS.filter((_, i) => present[i]);
    } finally {
      await container.remove({ force: true }).catch((error: Error) => {
        this.logger.warn(
          `docker runtime: could not remove probe container ${container.id}: ${error.message}`,
        );
      });
    }
  }

  private async anyExists(container: Docker.Container, paths: readonly string[]): Promise<boolean> {
    for (const path of paths) if (await this.exists(container, path)) return true;
    return false;
  }

  private async exists(container: Docker.Container, path: string): Promise<boolean> {
    try {
      // dockerode answers a HEAD with its response stream: drained, so the socket is let go.
      const response = (await container.infoArchive({ path })) as NodeJS.ReadableStream;
      response.resume();
      return true;
    } catch (error) {
      if (hasStatus(error, 404)) return false;
      throw error;
    }
  }
}

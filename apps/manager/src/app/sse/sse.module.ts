import { Global, Module } from '@nestjs/common';
import { OpenStreams } from './open-streams';

/** The manager's open server-sent-event streams (the live stream, followed job logs). */
@Global()
@Module({ providers: [OpenStreams], exports: [OpenStreams] })
export class SseModule {}

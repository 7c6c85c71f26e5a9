import { Controller } from '@nestjs/common';
import { ComplaintsRpc } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { HotspotsReader } from '../hotspots.service';

@Controller()
export class GetHotspotsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly hotspotsReader: HotspotsReader,
  ) {}

  @RpcHandler(ComplaintsRpc.hotspots)
  hotspots({ body }: RpcRequest<typeof ComplaintsRpc.hotspots>) {
    return this.hotspotsReader.read(this.prisma, body);
  }
}

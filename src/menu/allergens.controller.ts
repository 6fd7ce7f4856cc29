import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/access/access.decorators';
import { ApiPageResponse, Page, pageOfAll, PageQuery } from '../common/pagination/page';
import { AllergenView } from './dto/menu.views';
import { IngredientsService } from './ingredients.service';

@ApiTags('menu')
@Controller('allergens')
export class AllergensController {
  constructor(private readonly ingredients: IngredientsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The allergen vocabulary (the EU 14): the codes ingredients may carry' })
  @ApiPageResponse(AllergenView)
  list(@Query() query: PageQuery): Page<AllergenView> {
    return pageOfAll(this.ingredients.allergens(), query);
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/access/access.decorators';
import { AllergenView } from './dto/menu.views';
import { IngredientsService } from './ingredients.service';

@ApiTags('menu')
@Controller('allergens')
export class AllergensController {
  constructor(private readonly ingredients: IngredientsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The allergen vocabulary (the EU 14): the codes ingredients may carry' })
  @ApiOkResponse({ type: [AllergenView] })
  list(): AllergenView[] {
    return this.ingredients.allergens();
  }
}

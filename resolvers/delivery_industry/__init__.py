"""Party work in the delivery industry (外卖送餐行业党建)."""

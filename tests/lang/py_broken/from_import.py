from gc import collect

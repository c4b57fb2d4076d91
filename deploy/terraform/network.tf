# Two zones, each with a public subnet (load balancer, NAT gateway) and a private one (tasks, no public IPs), as the
# seed architecture draws it. The VPC's range is cut in quarters: public a, public b, private a, private b.

locals {
  zones = length(var.availability_zones) == 2 ? var.availability_zones : slice(data.aws_availability_zones.available.names, 0, 2)

  public_subnet_cidrs  = [for i in [0, 1] : cidrsubnet(var.vpc_cidr, 2, i)]
  private_subnet_cidrs = [for i in [2, 3] : cidrsubnet(var.vpc_cidr, 2, i)]

  # With one NAT gateway, both private route tables send to the one in the first zone.
  nat_gateway_count = var.nat_gateway_per_zone ? 2 : 1
}

resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = var.name
  }
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name = var.name
  }
}

resource "aws_subnet" "public" {
  count = 2

  vpc_id            = aws_vpc.main.id
  availability_zone = local.zones[count.index]
  cidr_block        = local.public_subnet_cidrs[count.index]
  # Only the load balancer and the NAT gateways live here, and both get their addresses explicitly.
  map_public_ip_on_launch = false

  tags = {
    Name = "${var.name}-public-${local.zones[count.index]}"
    Tier = "public"
  }
}

resource "aws_subnet" "private" {
  count = 2

  vpc_id            = aws_vpc.main.id
  availability_zone = local.zones[count.index]
  cidr_block        = local.private_subnet_cidrs[count.index]

  tags = {
    Name = "${var.name}-private-${local.zones[count.index]}"
    Tier = "private"
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }

  tags = {
    Name = "${var.name}-public"
  }
}

resource "aws_route_table_association" "public" {
  count = 2

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  count = local.nat_gateway_count

  domain = "vpc"

  tags = {
    Name = "${var.name}-nat-${local.zones[count.index]}"
  }
}

resource "aws_nat_gateway" "main" {
  count = local.nat_gateway_count

  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id

  tags = {
    Name = "${var.name}-${local.zones[count.index]}"
  }

  depends_on = [aws_internet_gateway.main]
}

# Tasks pull images from ECR and send logs to CloudWatch through the NAT gateway of their zone.
resource "aws_route_table" "private" {
  count = 2

  vpc_id = aws_vpc.main.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main[min(count.index, local.nat_gateway_count - 1)].id
  }

  tags = {
    Name = "${var.name}-private-${local.zones[count.index]}"
  }
}

resource "aws_route_table_association" "private" {
  count = 2

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

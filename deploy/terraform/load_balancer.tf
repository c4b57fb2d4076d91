# One internet-facing ALB shared by every app: HTTP only redirects, the HTTPS listener answers 404 unless a rule the
# operator added for an app (by path or host) matches.

resource "aws_lb" "main" {
  name               = var.name
  load_balancer_type = "application"
  internal           = false
  subnets            = aws_subnet.public[*].id
  security_groups    = [aws_security_group.alb.id]

  # Requests with header names that are not valid HTTP are dropped instead of being passed to the apps.
  drop_invalid_header_fields = true
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "application/json"
      message_body = "{\"status\":404,\"error\":\"Not Found\",\"message\":\"no app answers here\"}"
      status_code  = "404"
    }
  }

  # The operator adds and removes app rules on this listener; Terraform owns only the listener itself.
}

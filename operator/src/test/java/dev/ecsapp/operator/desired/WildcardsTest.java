package dev.ecsapp.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardsTest {

    @ParameterizedTest(name = "{0} and {1}: overlap {2}")
    @CsvSource({
        "/orders/*, /orders/*, true",
        "/a/*, /*/b, true",
        "/*, /hello/*, true",
        "/orders, /orders/*, false",
        "/orders*, /orders/*, true",
        "/hello/*, /orders/*, false",
        "/a?c, /ab*, true",
        "/a?c, /abd, false",
        "/*.css, /static/*, true",
        "/*.css, /*.js, false",
        "/x*y*z, /x*z, true",
        "*.example.com, shop.*, true",
        "*.example.com, *.example.org, false",
        "shop.example.com, shop.example.com, true",
    })
    void twoPatternsOverlapWhenSomeValueMatchesBoth(String a, String b, boolean overlap) {
        assertThat(Wildcards.overlap(a, b)).isEqualTo(overlap);
        assertThat(Wildcards.overlap(b, a)).isEqualTo(overlap);
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        "/*, /hello/*, true",
        "/hello/*, /*, false",
        "/orders*, /orders/*, true",
        "/orders*, /orders, true",
        "/orders/*, /orders, false",
        "/a/*, /*/b, false",
        "/*/b, /a/*, false",
        "/a**, /a*, true",
        "/a*, /a**, true",
        "/?*, /a*, true",
        "/a*, /?*, false",
        "/a*, /a??, true",
        "/a??, /a*, false",
        "/x*z, /x*y*z, true",
        "/x*y*z, /x*z, false",
        "*.example.com, *.team.example.com, true",
        "*.team.example.com, *.example.com, false",
        "*.example.com, shop.example.com, true",
        "shop?.example.com, shop1.example.com, true",
        "shop?.example.com, shop*.example.com, false",
    })
    void onePatternCoversAnotherWhenItMatchesEveryValueTheOtherDoes(String outer, String inner, boolean covers) {
        assertThat(Wildcards.covers(outer, inner)).isEqualTo(covers);
    }
}

package io.ticketing.redis;

import io.lettuce.core.ClientOptions;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

@Configuration(proxyBeanMethods = false)
class RedisConfig {

    /**
     * Connects at start-up, not on the first command's event loop. Not in a training run that only
     * refreshes the context and exits (the image's CDS archive, see the Dockerfile): it never sends
     * a command, and must not need a Redis to exist where the image is built.
     */
    @Bean
    @ConditionalOnExpression("'${spring.context.exit:}' != 'onRefresh'")
    static BeanPostProcessor eagerRedisConnection() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof LettuceConnectionFactory factory) {
                    factory.setEagerInitialization(true);
                }
                return bean;
            }
        };
    }

    /**
     * While the connection is down, fail commands at once instead of queueing them until the
     * command timeout: a waiting room that cannot reach Redis answers 503 now, not in 2 s, and the
     * circuit breaker sees the outage after a handful of requests. Lettuce keeps reconnecting.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}

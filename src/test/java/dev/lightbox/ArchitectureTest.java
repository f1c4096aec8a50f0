package dev.lightbox;

import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** Layering the module test (Spring Modulith) does not see: where SQL may live, and who may reach it. */
class ArchitectureTest {

    private static JavaClasses lightbox;

    @BeforeAll
    static void importClasses() {
        lightbox = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.lightbox");
    }

    @Test
    void onlyRepositoriesTalkSql() {
        noClasses().that(are(outsideRepositories()))
                .should().dependOnClassesThat().areAssignableTo(JdbcClient.class)
                .orShould().dependOnClassesThat().areAssignableTo(JdbcTemplate.class)
                .orShould().dependOnClassesThat().areAssignableTo(NamedParameterJdbcTemplate.class)
                .orShould().dependOnClassesThat().areAssignableTo(EntityManager.class)
                .because("SQL lives in a module's repositories (@Repository, named …Repository), so a newcomer finds every query of a feature in one place")
                .check(lightbox);
    }

    /** Classes that are not, and do not belong to, a {@code @Repository} class named {@code …Repository}. */
    private static DescribedPredicate<JavaClass> outsideRepositories() {
        return DescribedPredicate.describe("outside repositories", type -> {
            JavaClass top = type;
            while (top.getEnclosingClass().isPresent()) top = top.getEnclosingClass().get();
            return !(top.isAnnotatedWith(Repository.class) && top.getSimpleName().endsWith("Repository"));
        });
    }

    @Test
    void viewsAndControllersGoThroughServices() {
        noClasses().that().resideInAPackage("..ui..")
                .or().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().areAnnotatedWith(Repository.class)
                .orShould().dependOnClassesThat().areAssignableTo(org.springframework.data.repository.Repository.class)
                .because("views and controllers call services; services own transactions and scoping to the caller")
                .check(lightbox);
    }
}
